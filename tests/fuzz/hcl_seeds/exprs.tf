x = [for k, v in var.m : "${k}=${v}" if v != null]
y = {for s in var.list : s.name => s...}
z = a ? b[*].c : d.*.e[0]
w = -1 + !x * (2 - 3) % 4 >= 5 == true || false && null
f = provider::aws::arn_parse(x.0, y...)
