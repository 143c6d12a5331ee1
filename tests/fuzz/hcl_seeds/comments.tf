# leading
a = 1 # trailing
/* block */ b = [
  1, // first
  2,
]
c "l" { # brace
  d = { e = 1 } /* t */
  # end
}
