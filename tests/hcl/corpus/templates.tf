# Templates in every form Terraform files use them.

locals {
  greeting   = "Hello, ${var.name}!"
  escaped    = "Literal $${not_interpolated} and %%{not_a_directive}"
  unicode    = "caf\u00e9 \U0001F680 tab:\t quote:\" backslash:\\"
  stripped   = "items: %{ for i in var.items ~} [${i}] %{~ endfor }"
  multi_dir  = "%{ if var.enabled }on%{ else }off%{ endif }"
  nested_tpl = "outer ${"inner ${var.name}"}"
  wrapped    = "${var.whole_value}"

  config_yaml = <<-YAML
    service:
      name: ${var.name}
      replicas: ${var.replicas}
    %{~ if length(var.ports) > 0 }
      ports:
      %{~ for p in var.ports }
        - ${p}
      %{~ endfor }
    %{~ endif }
  YAML

  motd = <<EOT
Welcome to ${upper(var.name)}
  This line keeps its indentation.
EOT

  rendered = templatefile("${path.module}/motd.tftpl", { name = var.name, admins = var.admins })

  json_doc = jsonencode({
    name     = var.name
    tags     = [for t in var.tags : lower(t)]
    settings = { for k, v in var.settings : k => tostring(v) }
    enabled  = var.enabled ? "yes" : "no"
  })
}

variable "name" {
  type    = string
  default = "app"
}

variable "replicas" {
  type    = number
  default = 2
}

variable "ports" {
  type    = list(number)
  default = [80, 443]
}

variable "items" {
  type    = list(string)
  default = ["a", "b"]
}

variable "enabled" {
  type    = bool
  default = true
}

variable "tags" {
  type    = list(string)
  default = []
}

variable "settings" {
  type    = map(any)
  default = {}
}

variable "admins" {
  type    = list(string)
  default = []
}

variable "whole_value" {
  type    = any
  default = null
}
