// A stack the policies judge: one bucket without an owner, one with an
// owner and a reasoned suppression of an AWS warning, an oversized instance.
#include <stackgen/aws/instance.hpp>
#include <stackgen/aws/provider.hpp>
#include <stackgen/aws/s3_bucket.hpp>
#include <stackgen/stackgen.hpp>

namespace aws = stackgen::aws;

namespace {

void storage(stackgen::Stack& s) {
  s.provider<aws::Provider>().region("eu-west-1");
  s.add<aws::S3Bucket>("orphan").bucket("acme-orphan-data");
  s.add<aws::S3Bucket>("owned")
      .bucket("acme-owned-data")
      .tags({{"owner", "data-team"}})
      .suppress_rule("acme.bucket-owner", "not needed: owner tagged");
  s.add<aws::Instance>("big").ami("ami-0123456789abcdef0").instance_type("m7g.4xlarge");
}

const stackgen::StackRegistration registration{"storage", storage};

}  // namespace
