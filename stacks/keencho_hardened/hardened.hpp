// keencho-hardened: the reference infrastructure with every weakness of the
// spec's "Known weaknesses" list fixed. Network and DNS are the reference's
// own code; the edge (ALB, test instance), front end and back end are
// rebuilt here. docs/hardened-stack.md maps each weakness to its fix.
#pragma once

#include "keencho/keencho.hpp"

namespace keencho::hardened {

struct Edge {
  aws::SecurityGroup alb_security_group;
  aws::Lb alb;
  aws::LbListener https_listener;
  aws::LbListener test_listener;  // blue/green test traffic (port 8443)
};

Edge build_edge(stackgen::Stack& s, const Inputs& in, const Network& net, const Dns& dns);
void build_frontend(stackgen::Stack& s, const Inputs& in, const Dns& dns, const Edge& edge);
void build_backend(stackgen::Stack& s, const Inputs& in, const Network& net, const Edge& edge);

}  // namespace keencho::hardened
