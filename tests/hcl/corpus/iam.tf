# IAM roles and policies: heredoc and jsonencode policies, templatefile,
# provider-defined functions and the data sources that feed them.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_iam_policy_document" "assume_ec2" {
  statement {
    sid     = "AllowEC2"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ec2.${data.aws_partition.current.dns_suffix}"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

resource "aws_iam_role" "app" {
  name               = "app-${var.environment}"
  assume_role_policy = data.aws_iam_policy_document.assume_ec2.json
  path               = "/apps/"
}

# A policy written as a heredoc, with interpolation and an escaped sequence.
resource "aws_iam_policy" "logs" {
  name   = "app-logs"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "arn:${data.aws_partition.current.partition}:logs:*:${data.aws_caller_identity.current.account_id}:log-group:/app/*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::acme-config/$${aws:username}/*"
    }
  ]
}
EOF
}

resource "aws_iam_policy" "s3" {
  name = "app-s3"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [for b in var.buckets : "arn:aws:s3:::${b}"]
      },
      {
        Effect = "Allow"
        Action = [
          "s3:GetObject",
          "s3:PutObject",
        ]
        Resource = [for b in var.buckets : "arn:aws:s3:::${b}/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "true" }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  for_each = {
    logs = aws_iam_policy.logs.arn
    s3   = aws_iam_policy.s3.arn
    ssm  = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
  }

  role       = aws_iam_role.app.name
  policy_arn = each.value
}

locals {
  role_arn_parts = provider::aws::arn_parse(aws_iam_role.app.arn)
  account_id     = local.role_arn_parts.account_id

  user_data = templatefile("${path.module}/templates/user_data.sh.tftpl", {
    region      = var.region
    environment = var.environment
    packages    = ["jq", "amazon-cloudwatch-agent"]
  })

  inline_script = <<-SCRIPT
    #!/bin/bash
    set -euo pipefail
    %{ for pkg in var.packages ~}
    yum install -y ${pkg}
    %{ endfor ~}
    %{ if var.environment == "prod" }
    echo "production host"
    %{ else }
    echo "non-production host: ${var.environment}"
    %{ endif }
    echo "done" > /var/log/bootstrap.log
  SCRIPT

  statements_by_effect = { for s in var.statements : s.effect => s... }
  admin_users          = toset([for u in var.users : lower(u.name) if u.admin && !u.disabled])
}

variable "buckets" {
  type    = list(string)
  default = ["acme-data", "acme-logs"]
}

variable "packages" {
  type    = list(string)
  default = []
}

variable "users" {
  type = list(object({
    name     = string
    admin    = optional(bool, false)
    disabled = optional(bool, false)
  }))
  default = []
}

variable "statements" {
  type = list(object({
    effect  = string
    actions = list(string)
  }))
  default = []
}
