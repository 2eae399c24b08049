// clients: the lock clients and their workload; `count: N` makes N copies named NAME-1..NAME-N.
#include <algorithm>
#include <map>

#include "cli/scenario_convert.hpp"
#include "cli/scenario_schema.hpp"
#include "cli/scenario_values.hpp"

namespace lockstep::scenario {
namespace {

// Node ids are 16-bit and the network keys links on them; a flash sale needs hundreds, not more.
constexpr uint32_t max_clients_per_entry = 10'000;
constexpr size_t max_clients = 20'000;

void read_timing(const Section& s, const SystemSpec& spec, ClientSpec& c) {
    if (s.read("start", c.start, Sign::non_negative) && c.start > spec.duration) {
        s.issues().add(s.value("start")->pos, s.path_of("start") + " is " + s.value("start")->text +
                                                  ", after the end of the run (duration " +
                                                  format_duration(spec.duration) + ")");
    }
    s.read("cycles", c.cycles, 1, UINT32_MAX);
    s.read("hold", c.hold, Sign::non_negative);
    if (s.read("hold_max", c.hold_max, Sign::non_negative) && c.hold_max != Duration::zero() &&
        c.hold_max < c.hold) {
        s.issues().add(s.value("hold_max")->pos,
                       s.path_of("hold_max") + " (" + format_duration(c.hold_max) +
                           ") is below hold (" + format_duration(c.hold) +
                           "): hold_max is the top of the range [hold, hold_max], or 0s for none");
    }
    s.read("think", c.think, Sign::non_negative);
}

void read_behaviour(const Section& s, const SystemSpec& spec, ClientSpec& c) {
    s.read_choice<ReleaseMode>(
        "release", {{"safe", ReleaseMode::safe}, {"unsafe", ReleaseMode::unsafe}}, c.release);
    s.read("check_validity", c.check_validity);
    if (s.read_choice<RenewalMode>(
            "renewal", {{"none", RenewalMode::none}, {"watchdog", RenewalMode::watchdog}},
            c.renewal) &&
        c.renewal == RenewalMode::watchdog && spec.lock.ttl == Duration::zero()) {
        s.issues().add(s.value("renewal")->pos,
                       s.path_of("renewal") + ": a watchdog renews a TTL, and lock.ttl is none");
    }
    s.read("renew_interval", c.renew_interval, Sign::non_negative);
    s.read("use_token", c.use_token);
    s.read("retry_delay", c.retry_delay, Sign::non_negative);
    s.read("attempts", c.retry_count, 0, UINT32_MAX); // per cycle, the first included; 0: no limit
    s.read("acquire_timeout", c.acquire_timeout, Sign::non_negative);
    s.read("request_timeout", c.request_timeout, Sign::positive);
}

// Names are node names: unique, and never a server's.
class NameRegistry {
  public:
    NameRegistry(Issues& issues, const std::vector<std::string>& servers)
        : issues_(issues), servers_(servers) {}

    void add(const std::string& name, SourcePos pos, const std::string& path) {
        if (std::find(servers_.begin(), servers_.end(), name) != servers_.end()) {
            issues_.add(pos, path + ": '" + name + "' is the name of a server node (" +
                                 join(servers_) + "); give the client another name");
            return;
        }
        const auto [it, inserted] = first_use_.emplace(name, pos);
        if (!inserted) {
            issues_.add(pos, path + ": client name '" + name + "' is already used (line " +
                                 std::to_string(it->second.line) + ")");
        }
    }

  private:
    Issues& issues_;
    const std::vector<std::string>& servers_;
    std::map<std::string, SourcePos> first_use_;
};

void read_client(const Section& s, const SystemSpec& spec, NameRegistry& names,
                 std::vector<ClientSpec>& out) {
    ClientSpec c;
    const bool named = s.require("name") && s.read_word("name", c.name);
    uint32_t count = 0; // 0: no `count`, one client under its own name
    s.read("count", count, 1, max_clients_per_entry);
    read_timing(s, spec, c);
    read_behaviour(s, spec, c);
    if (!named) {
        return; // the rest was still checked, so one pass reports every mistake
    }
    const SourcePos pos = s.value("name")->pos;
    if (count == 0) {
        names.add(c.name, pos, s.path_of("name"));
        out.push_back(c);
        return;
    }
    const std::string base = c.name;
    for (uint32_t i = 1; i <= count; ++i) {
        c.name = base + "-" + std::to_string(i);
        names.add(c.name, pos, s.path_of("name") + " (with count " + std::to_string(count) + ")");
        out.push_back(c);
    }
}

} // namespace

void read_clients(const Section& top, const std::vector<std::string>& servers, SystemSpec& spec) {
    const DocNode* list = top.value("clients");
    if (!top.require("clients") ||
        !need_list(top.issues(), *list, "clients", "[{name: c1, hold: 1s}]")) {
        return;
    }
    if (list->items.empty()) {
        top.issues().add(list->pos, "clients must list at least one client");
        return;
    }
    NameRegistry names(top.issues(), servers);
    for (size_t i = 0; i < list->items.size(); ++i) {
        const Section s(top.issues(), list->items[i], indexed("clients", i),
                        keys_of(Place::client));
        if (s.valid()) {
            read_client(s, spec, names, spec.clients);
        }
    }
    if (spec.clients.size() > max_clients) {
        top.issues().add(list->pos, "clients: " + std::to_string(spec.clients.size()) +
                                        " clients in all; at most " + std::to_string(max_clients) +
                                        " are supported");
    }
}

} // namespace lockstep::scenario
