/*
 * Module composition and the newer Terraform blocks: moved, import,
 * removed, check; plus splats, conditionals and string functions.
 */

module "network" {
  source = "./modules/network"

  environment = var.environment
  az_count    = var.environment == "prod" ? 3 : 2
  providers = {
    aws           = aws
    aws.us_east_1 = aws.us_east_1
  }
}

module "buckets" {
  source   = "terraform-aws-modules/s3-bucket/aws"
  version  = "4.1.2"
  for_each = toset(["logs", "artifacts", "backups"])

  bucket = "acme-${var.environment}-${each.key}"

  versioning = {
    enabled = each.key != "logs"
  }

  lifecycle_rule = each.key == "logs" ? [{
    id      = "expire"
    enabled = true
    expiration = {
      days = 30
    }
  }] : []
}

module "cluster" {
  source     = "git::https://example.com/acme/terraform-cluster.git?ref=v2.3.0"
  count      = var.create_cluster ? 1 : 0
  depends_on = [module.network]

  subnet_ids   = module.network.private_subnet_ids
  cluster_name = "acme-${var.environment}"
}

moved {
  from = aws_instance.web
  to   = aws_instance.app["web"]
}

moved {
  from = module.old_network
  to   = module.network
}

import {
  to = aws_s3_bucket.legacy
  id = "acme-legacy-bucket"
}

import {
  for_each = var.existing_zones
  to       = aws_route53_zone.imported[each.key]
  id       = each.value
}

removed {
  from = aws_instance.bastion

  lifecycle {
    destroy = false
  }
}

check "health" {
  data "http" "status" {
    url = "https://${module.cluster[0].endpoint}/healthz"
  }

  assert {
    condition     = data.http.status.status_code == 200
    error_message = "The cluster answered ${data.http.status.status_code}, not 200."
  }
}

resource "aws_instance" "app" {
  for_each = {
    web    = { type = "t3.small", count = 2 }
    worker = { type = "t3.large", count = 1 }
  }

  ami           = data.aws_ami.al2023.id
  instance_type = each.value.type
  subnet_id     = element(module.network.private_subnet_ids, 0)
  user_data     = base64encode(local.user_data)

  root_block_device {
    volume_size = each.key == "worker" ? 100 : 20
    encrypted   = true
  }

  metadata_options { http_tokens = "required" }

  lifecycle {
    ignore_changes = [ami, tags["LastPatched"]]

    precondition {
      condition     = data.aws_ami.al2023.architecture == "x86_64"
      error_message = "The AMI must be for x86_64."
    }

    postcondition {
      condition     = self.private_ip != ""
      error_message = "No private IP was assigned."
    }
  }

  tags = merge(local.common_tags, {
    Name = format("%s-%s", local.name, each.key)
    Role = upper(each.key)
  })
}

data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_route53_record" "app" {
  count   = length(var.dns_names)
  zone_id = var.zone_id
  name    = var.dns_names[count.index]
  type    = "A"
  ttl     = 300
  records = [for i in values(aws_instance.app) : i.private_ip]
}

output "instance_ips" {
  value = { for k, i in aws_instance.app : k => i.private_ip }
}

output "first_bucket_arn" {
  value = try(module.buckets["logs"].s3_bucket_arn, null)
}

output "legacy_style" {
  value = aws_route53_record.app.*.fqdn
}

output "math" {
  value = (var.az_count * 2 + 1) % 4 == 0 || !var.create_cluster && var.az_count >= 2
}

output "sums" {
  value = sum([for n in range(1, 10) : n * n if n % 2 != 0])
}

output "cidr_or_default" {
  value = coalesce(var.cidr_override, "10.${var.environment == "prod" ? 1 : 2}.0.0/16")
}
