t = "%{ for k, v in m ~}${k}=${v}%{ if v > 1 },%{ else };%{ endif }%{~ endfor }"
u = <<-EOT
    %{~ if a ~}
      x ${~ b ~} y
    %{~ endif ~}
  EOT
