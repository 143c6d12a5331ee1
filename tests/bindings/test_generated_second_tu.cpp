// A second translation unit including the generated demo headers: with the
// specs and provider_info() inline in the headers, both TUs define them and
// the program still links, with one object each (test_generated.cpp checks).
#include <stackgen/demo/provider_info.hpp>
#include <stackgen/demo/widget.hpp>

namespace bindings_test {

const stackgen::schema::BlockSpec* widget_spec_from_second_tu() {
  return &stackgen::demo::Widget::tf_spec();
}
const stackgen::schema::ProviderInfo* demo_info_from_second_tu() {
  return &stackgen::demo::provider_info();
}

}  // namespace bindings_test
