resource "aws_instance" "web" {
  ami           = var.ami # comment
  instance_type = "t3.micro"
  tags = {
    Name = "web-${count.index}"
  }
  lifecycle { create_before_destroy = true }
}
