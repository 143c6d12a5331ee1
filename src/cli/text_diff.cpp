#include "text_diff.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace stackgen::cli {
namespace {

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) out.push_back(line);
  return out;
}

}  // namespace

std::string unified_diff(const std::string& before, const std::string& after, const std::string& before_name,
                         const std::string& after_name, int context) {
  auto a = lines_of(before), b = lines_of(after);
  // Trim the common prefix and suffix, then LCS over the middle.
  size_t pre = 0;
  while (pre < a.size() && pre < b.size() && a[pre] == b[pre]) ++pre;
  size_t suf = 0;
  while (suf < a.size() - pre && suf < b.size() - pre && a[a.size() - 1 - suf] == b[b.size() - 1 - suf]) ++suf;
  size_t n = a.size() - pre - suf, m = b.size() - pre - suf;
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[pre + i] == b[pre + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  // Edit script over whole files: ' ', '-', '+'.
  std::vector<std::pair<char, std::string>> ops;
  for (size_t k = 0; k < pre; ++k) ops.emplace_back(' ', a[k]);
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] == b[pre + j]) {
      ops.emplace_back(' ', a[pre + i]);
      ++i, ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      ops.emplace_back('+', b[pre + j++]);
    } else {
      ops.emplace_back('-', a[pre + i++]);
    }
  }
  for (size_t k = a.size() - suf; k < a.size(); ++k) ops.emplace_back(' ', a[k]);

  std::string out = fmt::format("--- {}\n+++ {}\n", before_name, after_name);
  size_t idx = 0;
  while (idx < ops.size()) {
    while (idx < ops.size() && ops[idx].first == ' ') ++idx;
    if (idx == ops.size()) break;
    size_t start = idx >= static_cast<size_t>(context) ? idx - context : 0;
    size_t end = idx;
    // Extend the hunk while changes are within 2*context lines of each other.
    while (end < ops.size()) {
      if (ops[end].first != ' ') {
        ++end;
        continue;
      }
      size_t k = end;
      while (k < ops.size() && ops[k].first == ' ') ++k;
      if (k == ops.size() || k - end > static_cast<size_t>(2 * context)) {
        end = std::min(ops.size(), end + context);
        break;
      }
      end = k;
    }
    size_t a_line = 1, b_line = 1;
    for (size_t k = 0; k < start; ++k) {
      if (ops[k].first != '+') ++a_line;
      if (ops[k].first != '-') ++b_line;
    }
    size_t a_count = 0, b_count = 0;
    for (size_t k = start; k < end; ++k) {
      if (ops[k].first != '+') ++a_count;
      if (ops[k].first != '-') ++b_count;
    }
    out += fmt::format("@@ -{},{} +{},{} @@\n", a_count ? a_line : a_line - 1, a_count, b_count ? b_line : b_line - 1,
                       b_count);
    for (size_t k = start; k < end; ++k) out += std::string(1, ops[k].first) + ops[k].second + "\n";
    idx = end;
  }
  return out;
}

}  // namespace stackgen::cli
