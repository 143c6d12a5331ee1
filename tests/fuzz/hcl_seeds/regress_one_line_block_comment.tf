rrci  n "web" {
  am          = var.ami # co }
  liferce "aws_so}o}rce "aws_instance" "we  a rex resoso EO o O ance" "we  /* c */esoso EOcycle { create_before_destroy = true------------------------ }
}
