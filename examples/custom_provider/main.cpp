// A stack on a provider of one's own: the bindings come from its schema,
// with the same typed setters, references and checks as the AWS ones.
#include <stackgen/stackgen.hpp>

#include <stackgen/cloudlab/data/image.hpp>
#include <stackgen/cloudlab/provider.hpp>
#include <stackgen/cloudlab/server.hpp>

namespace {

using namespace stackgen;

void lab(Stack& s) {
  auto token = s.variable<std::string>("cloudlab_token").sensitive(true).description("API token");
  s.provider<cloudlab::Provider>().endpoint("https://api.cloudlab.example").token(token);
  auto image = s.add<cloudlab::data::Image>("base").family("debian-12");
  auto web = s.add<cloudlab::Server>("web")
                 .name("web-1")
                 .size("small")
                 .image_id(image.id())
                 .tags({{"team", "platform"}})
                 .disk(cloudlab::Server::Disk{}.size_gb(40).encrypted(true));
  s.output("web_ip", web.public_ip());
}

const StackRegistration registration{"lab", lab};

}  // namespace
