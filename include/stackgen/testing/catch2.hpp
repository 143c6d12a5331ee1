// Catch2 (v2 and v3) matchers over stackgen/testing.hpp:
//
//   CHECK_THAT(synth, matches(has_resource<aws::Lb>("alb").with(&aws::Lb::internal, false)));
//   CHECK_THAT(synth, matches(has_finding("sec.rds-public").at("aws_db_instance.db")));
//   REQUIRE_PLANS_CLEANLY(synth);
//
// Include <catch2/catch.hpp> (v2) or <catch2/catch_all.hpp> (v3) first.
#pragma once

#include <string>
#include <utility>

#include "stackgen/testing.hpp"

namespace stackgen::testing {

/// Any matcher of testing.hpp (match(), describe()) as a Catch2 matcher;
/// the failure message says what was found.
#if defined(CATCH_VERSION_MAJOR) && CATCH_VERSION_MAJOR >= 3
template <class T>
using CatchMatcherBase = Catch::Matchers::MatcherBase<T>;
#else
template <class T>
using CatchMatcherBase = Catch::Matchers::Impl::MatcherBase<T>;
#endif

template <class M>
class CatchMatcher : public CatchMatcherBase<Synth> {
 public:
  explicit CatchMatcher(M m) : m_(std::move(m)) {}
  bool match(const Synth& synth) const override {
    Result r = m_.match(synth);
    last_ = r.message;
    return r.ok;
  }
  std::string describe() const override { return m_.describe() + (last_.empty() ? "" : "\n    found: " + last_); }

 private:
  M m_;
  mutable std::string last_;
};

template <class M>
CatchMatcher<M> matches(M m) {
  return CatchMatcher<M>(std::move(m));
}

}  // namespace stackgen::testing

template <>
struct Catch::StringMaker<stackgen::testing::Synth> {
  static std::string convert(const stackgen::testing::Synth& s) { return "stack " + s.stack().name(); }
};

/// A real terraform plan of the stack must succeed; where terraform or the
/// provider mirror is missing the check is skipped with a warning (Catch2
/// v2 has no SKIP), and stackgen::testing::plans_skipped() says so.
#define REQUIRE_PLANS_CLEANLY(synth, ...)                                                 \
  do {                                                                                    \
    auto stackgen_plan_ = ::stackgen::testing::plans_cleanly((synth), ##__VA_ARGS__);     \
    if (stackgen_plan_.skipped()) {                                                       \
      ::stackgen::testing::detail::note_skipped();                                        \
      WARN(stackgen_plan_.message);                                                       \
    } else {                                                                              \
      INFO(stackgen_plan_.message << "\n" << stackgen_plan_.log);                        \
      REQUIRE(stackgen_plan_.status == ::stackgen::testing::PlanResult::Status::passed);  \
    }                                                                                     \
  } while (false)

namespace stackgen::testing {
namespace detail {
inline bool& skipped_flag() {
  static bool skipped = false;
  return skipped;
}
inline void note_skipped() { skipped_flag() = true; }
}  // namespace detail
/// Whether a REQUIRE_PLANS_CLEANLY was skipped (a test main can exit 77,
/// CTest's usual "skipped" code).
inline bool plans_skipped() { return detail::skipped_flag(); }
}  // namespace stackgen::testing
