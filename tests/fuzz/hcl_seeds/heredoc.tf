a = <<-EOT
    %{ for x in xs ~}
      item ${x}
    %{~ endfor }
    %{ if c }yes%{ else }no%{ endif }
  EOT
b = <<EOT
literal $${not} %%{not}
EOT
