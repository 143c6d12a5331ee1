# A VPC with public and private subnets across availability zones.
# Written for the stackgen HCL parser tests.

terraform {
  required_version = ">= 1.8.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  backend "s3" {
    bucket         = "acme-terraform-state"
    key            = "network/terraform.tfstate"
    region         = "eu-west-1"
    dynamodb_table = "terraform-locks"
    encrypt        = true
  }
}

provider "aws" {
  region = var.region

  default_tags {
    tags = local.common_tags
  }
}

provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"
}

variable "region" {
  type        = string
  description = "AWS region to deploy into."
  default     = "eu-west-1"

  validation {
    condition     = can(regex("^[a-z]{2}-[a-z]+-[0-9]$", var.region))
    error_message = "The region must look like \"eu-west-1\", got ${var.region}."
  }
}

variable "environment" {
  type = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "Environment must be one of: dev, staging, prod."
  }
}

variable "cidr_block" {
  type    = string
  default = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "Use a valid CIDR block of /20 or larger."
  }
}

variable "az_count" {
  type     = number
  default  = 3
  nullable = false
}

variable "extra_tags" {
  type        = map(string)
  default     = {}
  description = <<-EOT
    Tags added to every resource, on top of the defaults.
    Keys must not start with "aws:".
  EOT
}

data "aws_availability_zones" "available" {
  state = "available"

  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  name = "acme-${var.environment}"
  azs  = slice(data.aws_availability_zones.available.names, 0, var.az_count)

  common_tags = merge({
    Environment = var.environment
    ManagedBy   = "terraform"
    Project     = "acme"
  }, var.extra_tags)

  # One /20 per AZ for private subnets, /24s at the top for public ones.
  private_subnets = { for i, az in local.azs : az => cidrsubnet(var.cidr_block, 4, i) }
  public_subnets  = { for i, az in local.azs : az => cidrsubnet(var.cidr_block, 8, 240 + i) }

  nat_gateway_count = var.environment == "prod" ? length(local.azs) : 1
  is_prod           = var.environment == "prod"
}

resource "aws_vpc" "this" {
  cidr_block           = var.cidr_block
  enable_dns_hostnames = true
  enable_dns_support   = true

  tags = {
    Name = local.name
  }
}

resource "aws_subnet" "private" {
  for_each = local.private_subnets

  vpc_id            = aws_vpc.this.id
  cidr_block        = each.value
  availability_zone = each.key

  tags = {
    Name                              = "${local.name}-private-${each.key}"
    "kubernetes.io/role/internal-elb" = "1"
  }
}

resource "aws_subnet" "public" {
  for_each = local.public_subnets

  vpc_id                  = aws_vpc.this.id
  cidr_block              = each.value
  availability_zone       = each.key
  map_public_ip_on_launch = true

  tags = { Name = "${local.name}-public-${each.key}" }
}

resource "aws_eip" "nat" {
  count  = local.nat_gateway_count
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  count         = local.nat_gateway_count
  allocation_id = aws_eip.nat[count.index].id
  subnet_id     = values(aws_subnet.public)[count.index].id

  depends_on = [aws_internet_gateway.this]
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_security_group" "web" {
  name_prefix = "${local.name}-web-"
  vpc_id      = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.environment == "dev" ? [80, 443, 8080] : [443]
    iterator = port
    content {
      from_port   = port.value
      to_port     = port.value
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
      description = "Allow ${port.value}/tcp"
    }
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  lifecycle {
    create_before_destroy = true
  }
}

output "vpc_id" {
  value       = aws_vpc.this.id
  description = "The VPC's id."
}

output "private_subnet_ids" {
  value = [for s in aws_subnet.private : s.id]
}

output "nat_public_ips" {
  value     = aws_eip.nat[*].public_ip
  sensitive = false
}
