// The scenario's header (name, description, seed, duration) and the protected resource.
#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep::scenario {
namespace {

// Why the configured lock service cannot hand the resource a fencing token; empty when it can.
std::string why_no_fencing_token(const LockSpec& lock) {
    switch (lock.service) {
    case LockService::redis:
    case LockService::redis_replicated:
        if (lock.redis.fencing_counter) {
            return {};
        }
        return "Redis hands out no fencing token (SET NX only answers OK): set "
               "lock.redis.fencing_counter: true, or use resource.fencing: none";
    case LockService::redlock:
        // N independent counters do not make one monotonic token (Kleppmann 2016).
        return "Redlock offers no fencing token (Kleppmann 2016): use resource.fencing: none, "
               "or a lock service with tokens";
    case LockService::etcd:
    case LockService::zookeeper: return {}; // revisions and zxids are tokens
    }
    return {};
}

} // namespace

void read_header(const Section& top, SystemSpec& spec) {
    if (top.require("name") && top.read_text("name", spec.name) && spec.name.empty()) {
        top.issues().add(top.value("name")->pos, "name must not be empty");
    }
    top.read_text("description", spec.description);
    top.read("seed", spec.seed, 0, UINT64_MAX);
    top.read("duration", spec.duration, Sign::positive);
}

void read_resource(const Section& top, bool service_known, SystemSpec& spec) {
    const DocNode* node = top.value("resource");
    if (node == nullptr) {
        return;
    }
    if (node->is_scalar() && node->text == "none") {
        spec.resource.enabled = false;
        return;
    }
    if (node->is_scalar()) {
        top.issues().add(node->pos, "resource must be `none` or a map such as {fencing: token}, "
                                    "got " +
                                        describe(*node));
        return;
    }
    const Section s(top.issues(), *node, "resource", keys_of(Place::resource));
    const bool read = s.read_choice<FencingMode>(
        "fencing",
        {{"none", FencingMode::none}, {"token", FencingMode::token}, {"cas", FencingMode::cas}},
        spec.resource.fencing);
    if (!read || !service_known || spec.resource.fencing == FencingMode::none) {
        return;
    }
    if (const std::string why = why_no_fencing_token(spec.lock); !why.empty()) {
        const DocNode* fencing = s.value("fencing");
        top.issues().add(fencing->pos, "resource.fencing is " + fencing->text + ", but " + why);
    }
}

} // namespace lockstep::scenario
