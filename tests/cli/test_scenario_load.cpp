// The scenario loader: a complete file maps field by field onto the spec, and every kind of
// mistake is reported at its line and column with a message that says what is wrong.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "cli/scenario.hpp"
#include "cli/scenario_values.hpp"

using namespace lockstep;

namespace {

ScenarioLoad load(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    return load_scenario_text(yaml, "t.yaml", overrides);
}

std::string all_errors(const ScenarioLoad& l) {
    std::string out;
    for (const ScenarioError& e : l.errors) {
        out += e.format() + "\n";
    }
    return out;
}

// Passes when one of the errors sits at line:column and its message contains `part`.
void require_error(const ScenarioLoad& l, int line, int column, const std::string& part,
                   const std::string& file = "t.yaml") {
    INFO("errors:\n" << all_errors(l));
    REQUIRE_FALSE(l.ok);
    bool found = false;
    for (const ScenarioError& e : l.errors) {
        if (e.file == file && e.line == line && e.column == column &&
            e.message.find(part) != std::string::npos) {
            found = true;
        }
    }
    INFO("expected " << file << ":" << line << ":" << column << " with '" << part << "'");
    CHECK(found);
}

void require_ok(const ScenarioLoad& l) {
    INFO("errors:\n" << all_errors(l));
    REQUIRE(l.ok);
}

NodeId id_of(const Scenario& s, const std::string& name) {
    const std::vector<std::string> names = node_names(s.system);
    for (size_t i = 0; i < names.size(); ++i) {
        if (names[i] == name) {
            return static_cast<NodeId>(i);
        }
    }
    FAIL("no node " << name);
    return no_node;
}

const std::string complete = R"(name: complete
description: every key of the format
seed: 42
duration: 90s
lock:
  service: redis
  ttl: 20s
  key: orders
  redis: {persistence: aof-everysec, fencing_counter: true, first_token: 33, hz: 20}
network:
  latency: 1ms..3ms
  loss: 1/100
  duplicate: 2%
  ordered: false
  partitions: hold
  links:
    - {from: c1, to: storage, latency: 50ms, loss: 1%}
    - {to: redis, duplicate: 0.5}
resource: {fencing: token}
clients:
  - name: c1
    start: 1s
    cycles: 3
    hold: 200ms
    hold_max: 400ms
    think: 50ms
    release: unsafe
    check_validity: true
    renewal: watchdog
    renew_interval: 5s
    use_token: false
    retry_delay: 300ms
    attempts: 4
    acquire_timeout: 10s
    request_timeout: 2s
  - {name: c2}
clocks:
  redis: {offset: -1.5s, drift: 2%}
  c2: {drift: 20000ppm}
faults:
  - {pause: c1, at_point: {point: before_write, occurrence: 2, after: 1ms}, for: 40s}
  - {clock_step: redis, at: 10s, by: +15s}
expect:
  mutual_exclusion: violated
  resource_safety: holds
  marks: [lease_expired_while_paused, stale_write_rejected]
)";

} // namespace

TEST_CASE("a complete scenario maps onto the spec field by field", "[scenario]") {
    const ScenarioLoad l = load(complete);
    require_ok(l);
    const SystemSpec& s = l.scenario.system;
    CHECK(l.scenario.path == "t.yaml");
    CHECK(s.name == "complete");
    CHECK(s.description == "every key of the format");
    CHECK(s.seed == 42);
    CHECK(s.duration == Duration::s(90));

    CHECK(s.lock.service == LockService::redis);
    CHECK(s.lock.ttl == Duration::s(20));
    CHECK(s.lock.key == "orders");
    CHECK(s.lock.redis.persistence == Persistence::aof_everysec);
    CHECK(s.lock.redis.fencing_counter);
    CHECK(s.lock.redis.first_token == 33);
    CHECK(s.lock.redis.hz == 20);

    CHECK(s.network.link.latency.kind == LatencySpec::Kind::uniform);
    CHECK(s.network.link.latency.lo == Duration::ms(1));
    CHECK(s.network.link.latency.hi == Duration::ms(3));
    CHECK(s.network.link.loss_num == 1);
    CHECK(s.network.link.loss_den == 100);
    CHECK(s.network.link.dup_num == 1);
    CHECK(s.network.link.dup_den == 50);
    CHECK_FALSE(s.network.link.ordered);
    CHECK(s.network.hold_when_partitioned);
    REQUIRE(s.network.overrides.size() == 2);
    CHECK(s.network.overrides[0].from == id_of(l.scenario, "c1"));
    CHECK(s.network.overrides[0].to == id_of(l.scenario, "storage"));
    CHECK(s.network.overrides[0].link.latency.kind == LatencySpec::Kind::constant);
    CHECK(s.network.overrides[0].link.latency.lo == Duration::ms(50));
    CHECK(s.network.overrides[0].link.loss_den == 100);
    // An override starts from the network's settings: only what it names changes.
    CHECK(s.network.overrides[1].from == no_node);
    CHECK(s.network.overrides[1].to == id_of(l.scenario, "redis"));
    CHECK(s.network.overrides[1].link.latency.hi == Duration::ms(3));
    CHECK(s.network.overrides[1].link.dup_num == 1);
    CHECK(s.network.overrides[1].link.dup_den == 2);

    CHECK(s.resource.enabled);
    CHECK(s.resource.fencing == FencingMode::token);

    REQUIRE(s.clients.size() == 2);
    const ClientSpec& c1 = s.clients[0];
    CHECK(c1.name == "c1");
    CHECK(c1.start == Duration::s(1));
    CHECK(c1.cycles == 3);
    CHECK(c1.hold == Duration::ms(200));
    CHECK(c1.hold_max == Duration::ms(400));
    CHECK(c1.think == Duration::ms(50));
    CHECK(c1.release == ReleaseMode::unsafe);
    CHECK(c1.check_validity);
    CHECK(c1.renewal == RenewalMode::watchdog);
    CHECK(c1.renew_interval == Duration::s(5));
    CHECK_FALSE(c1.use_token);
    CHECK(c1.retry_delay == Duration::ms(300));
    CHECK(c1.retry_count == 4);
    CHECK(c1.acquire_timeout == Duration::s(10));
    CHECK(c1.request_timeout == Duration::s(2));
    // c2 takes every default from spec.hpp.
    const ClientSpec defaults;
    const ClientSpec& c2 = s.clients[1];
    CHECK(c2.start == defaults.start);
    CHECK(c2.hold == defaults.hold);
    CHECK(c2.retry_delay == defaults.retry_delay);
    CHECK(c2.request_timeout == defaults.request_timeout);
    CHECK(c2.use_token == defaults.use_token);

    REQUIRE(s.clocks.size() == 2);
    CHECK(s.clocks.at("redis").offset == -Duration::ms(1500));
    CHECK(s.clocks.at("redis").drift_ppm == 20'000);
    CHECK(s.clocks.at("c2").drift_ppm == 20'000);

    REQUIRE(l.scenario.faults.size() == 2);
    const Fault& pause = l.scenario.faults[0];
    CHECK(pause.kind == Fault::Kind::pause);
    CHECK(pause.node == id_of(l.scenario, "c1"));
    CHECK(pause.length == Duration::s(40));
    CHECK(pause.trigger.kind == Trigger::Kind::at_point);
    CHECK(pause.trigger.node == id_of(l.scenario, "c1"));
    CHECK(pause.trigger.point == "before_write");
    CHECK(pause.trigger.occurrence == 2);
    CHECK(pause.trigger.after == Duration::ms(1));
    CHECK(pause.label == "faults[0]");
    const Fault& step = l.scenario.faults[1];
    CHECK(step.kind == Fault::Kind::clock_step);
    CHECK(step.node == id_of(l.scenario, "redis"));
    CHECK(step.trigger.kind == Trigger::Kind::at_time);
    CHECK(step.trigger.at == Time::zero() + Duration::s(10));
    CHECK(step.amount == Duration::s(15));

    const Expectation& e = l.scenario.expect;
    REQUIRE(e.properties.size() == 2);
    CHECK(e.properties[0].name == "mutual_exclusion");
    CHECK(e.properties[0].verdict == Verdict::violated);
    CHECK(e.properties[1].name == "resource_safety");
    CHECK(e.properties[1].verdict == Verdict::holds);
    CHECK(e.marks ==
          std::vector<std::string>{"lease_expired_while_paused", "stale_write_rejected"});
}

TEST_CASE("a minimal scenario takes every default from spec.hpp", "[scenario]") {
    const ScenarioLoad l = load("name: tiny\nclients: [{name: c1}]\n");
    require_ok(l);
    const SystemSpec defaults;
    const SystemSpec& s = l.scenario.system;
    CHECK(s.seed == defaults.seed);
    CHECK(s.duration == defaults.duration);
    CHECK(s.lock.service == defaults.lock.service);
    CHECK(s.lock.ttl == defaults.lock.ttl);
    CHECK(s.lock.key == defaults.lock.key);
    CHECK(s.lock.redis.hz == defaults.lock.redis.hz);
    CHECK(s.network.link.latency.lo == defaults.network.link.latency.lo);
    CHECK(s.network.link.ordered == defaults.network.link.ordered);
    CHECK(s.resource.enabled == defaults.resource.enabled);
    CHECK(s.resource.fencing == defaults.resource.fencing);
    CHECK(l.scenario.faults.empty());
    CHECK(l.scenario.expect.properties.empty());
}

TEST_CASE("redlock and replication settings and their node names", "[scenario]") {
    const ScenarioLoad redlock = load(R"(name: r
lock:
  service: redlock
  ttl: none
  redlock: {nodes: 3, per_node_timeout: 20ms, parallel: true, drift_factor: 1%, drift_extra: 0s,
            variant: naive, clock: wall}
resource: none
clients: [{name: c1}]
faults: [{crash: redis-3, at: 1s, restart_after: 2s}, {restart: redis-2, at: 3s}]
)");
    require_ok(redlock);
    const LockSpec& lock = redlock.scenario.system.lock;
    CHECK(lock.service == LockService::redlock);
    CHECK(lock.ttl == Duration::zero());
    CHECK(lock.redlock.nodes == 3);
    CHECK(lock.redlock.per_node_timeout == Duration::ms(20));
    CHECK(lock.redlock.parallel);
    CHECK(lock.redlock.drift_factor_ppm == 10'000);
    CHECK(lock.redlock.drift_extra == Duration::zero());
    CHECK(lock.redlock.variant == RedlockVariant::naive);
    CHECK(lock.redlock.clock == ClockSource::wall);
    CHECK_FALSE(redlock.scenario.system.resource.enabled);
    CHECK(node_names(redlock.scenario.system) ==
          std::vector<std::string>{"redis-1", "redis-2", "redis-3", "c1"});
    CHECK(redlock.scenario.faults[0].node == 2);
    CHECK(redlock.scenario.faults[0].length == Duration::s(2));
    CHECK(redlock.scenario.faults[1].kind == Fault::Kind::restart);
    CHECK(redlock.scenario.faults[1].node == 1);

    const ScenarioLoad decimal = load("name: r\nlock: {service: redlock, redlock: {drift_factor: "
                                      "0.02}}\nresource: none\nclients: [{name: c1}]\n");
    require_ok(decimal);
    CHECK(decimal.scenario.system.lock.redlock.drift_factor_ppm == 20'000);

    const ScenarioLoad replicated = load(R"(name: r
lock:
  service: redis-replicated
  redis: {fencing_counter: true}
  replication: {replicas: 2, lag: 5ms, ping_interval: 500ms, down_after: 5s}
resource: {fencing: cas}
clients: [{name: c1}]
faults: [{crash: redis-1, at: 1s}]
)");
    require_ok(replicated);
    const ReplicationSpec& r = replicated.scenario.system.lock.replication;
    CHECK(r.replicas == 2);
    CHECK(r.replication_lag == Duration::ms(5));
    CHECK(r.ping_interval == Duration::ms(500));
    CHECK(r.down_after == Duration::s(5));
    CHECK(replicated.scenario.system.resource.fencing == FencingMode::cas);
    CHECK(node_names(replicated.scenario.system) ==
          std::vector<std::string>{"redis-1", "redis-2", "redis-3", "sentinel", "storage", "c1"});
    // A crash without restart_after stays down.
    CHECK(replicated.scenario.faults[0].length == Duration::max());
}

TEST_CASE("count expands one client entry into numbered clients", "[scenario]") {
    const ScenarioLoad l = load(R"(name: sale
clients:
  - {name: early, hold: 1s}
  - {name: buyer, count: 3, start: 2s, hold: 10ms, attempts: 5}
faults: [{pause: buyer-2, at: 3s, for: 1s}]
)");
    require_ok(l);
    const std::vector<ClientSpec>& c = l.scenario.system.clients;
    REQUIRE(c.size() == 4);
    CHECK(c[0].name == "early");
    for (int i = 1; i <= 3; ++i) {
        CHECK(c[static_cast<size_t>(i)].name == "buyer-" + std::to_string(i));
        CHECK(c[static_cast<size_t>(i)].start == Duration::s(2));
        CHECK(c[static_cast<size_t>(i)].hold == Duration::ms(10));
        CHECK(c[static_cast<size_t>(i)].retry_count == 5);
    }
    // redis, storage, early, buyer-1, buyer-2: the fault lands on the fifth node.
    CHECK(l.scenario.faults[0].node == 4);

    require_error(load("name: t\nclients:\n  - {name: buyer-2}\n  - {name: buyer, count: 2}\n"), 4,
                  12, "client name 'buyer-2' is already used (line 3)");
    require_error(load("name: t\nclients:\n  - {name: buyer, count: 0}\n"), 3, 26,
                  "count must be between 1 and 10000");
}

TEST_CASE("latency forms: constant uniform and heavy-tailed", "[scenario]") {
    const auto latency_of = [](const std::string& form) {
        const ScenarioLoad l =
            load("name: t\nnetwork: {latency: " + form + "}\nclients: [{name: c1}]\n");
        require_ok(l);
        return l.scenario.system.network.link.latency;
    };
    const LatencySpec constant = latency_of("2ms");
    CHECK(constant.kind == LatencySpec::Kind::constant);
    CHECK(constant.lo == Duration::ms(2));
    CHECK(constant.hi == Duration::ms(2));
    const LatencySpec uniform = latency_of("0.5ms..1ms");
    CHECK(uniform.kind == LatencySpec::Kind::uniform);
    CHECK(uniform.lo == Duration::us(500));
    CHECK(uniform.hi == Duration::ms(1));
    const LatencySpec range_map = latency_of("{min: 1ms, max: 4ms}");
    CHECK(range_map.kind == LatencySpec::Kind::uniform);
    CHECK(range_map.hi == Duration::ms(4));
    const LatencySpec heavy = latency_of("{min: 1ms, max: 2ms, tail_max: 200ms, tail: 1/8}");
    CHECK(heavy.kind == LatencySpec::Kind::heavy);
    CHECK(heavy.lo == Duration::ms(1));
    CHECK(heavy.hi == Duration::ms(2));
    CHECK(heavy.max == Duration::ms(200));
    CHECK(heavy.tail_num == 1);
    CHECK(heavy.tail_den == 8);
    CHECK(latency_of("0s").lo == Duration::zero());

    const auto bad = [](const std::string& form) {
        return load("name: t\nnetwork: {latency: " + form + "}\nclients: [{name: c1}]\n");
    };
    require_error(bad("2ms..1ms"), 2, 20, "runs backwards");
    require_error(bad("1ms..x"), 2, 20, "network.latency (high end)");
    require_error(bad("fast"), 2, 20, "expected a duration such as 30s");
    require_error(bad("5"), 2, 20, "needs a unit");
    require_error(bad("{min: 1ms, max: 2ms, tail: 1/8}"), 2, 20, "tail_max and tail go together");
    require_error(bad("{min: 1ms, max: 2ms, tail_max: 1ms, tail: 1/8}"), 2, 51,
                  "tail_max is below max");
    require_error(bad("{min: 1ms, max: 2ms, tail_max: 9ms, tail: 1}"), 2, 62,
                  "tail must be below 1");
    require_error(bad("[1ms, 2ms]"), 2, 20, "expected a latency such as");
}

TEST_CASE("fault targets resolve to the right node ids", "[scenario]") {
    const ScenarioLoad l = load(R"(name: f
lock: {service: redlock, redlock: {nodes: 3}}
clients: [{name: c1}, {name: c2}]
faults:
  - {pause: c2, at_point: acquired, of: c1, for: 1s}
  - {clock_drift: redis-3, at: 0s, rate: -0.5%}
  - {clock_slew: redis-1, at: 1s, by: 5ms, rate: 500ppm}
  - {partition: [[c1, redis-1], [c2, redis-2, redis-3]], at: 2s, heal_at: 20s}
  - {partition: [[storage], [c1]], at_point: before_release, of: c1, one_way: true, heal_after: 3s}
  - {heal: all, at: 30s}
  - {delay: {from: c1, to: storage}, at_point: before_write, of: c1, by: 90s, count: 2}
  - {delay: {}, at: 1s, by: 1s}
  - {loss: {from: redis-2}, at_point: acquired, of: c2, for: 4s, chance: 25%}
  - {loss: {to: c1}, at: 3s, for: 500ms}
)");
    require_ok(l);
    // redis-1 redis-2 redis-3 storage c1 c2
    const FaultPlan& f = l.scenario.faults;
    REQUIRE(f.size() == 10);
    CHECK(f[0].node == 5);
    CHECK(f[0].trigger.node == 4);
    CHECK(f[0].trigger.point == "acquired");
    CHECK(f[1].node == 2);
    CHECK(f[1].drift_ppm == -5'000);
    CHECK(f[2].kind == Fault::Kind::clock_slew);
    CHECK(f[2].node == 0);
    CHECK(f[2].amount == Duration::ms(5));
    CHECK(f[2].drift_ppm == 500);
    CHECK(f[3].groups == std::vector<std::vector<NodeId>>{{4, 0}, {5, 1, 2}});
    CHECK(f[3].heal_after == Duration::s(18));
    CHECK_FALSE(f[3].one_way);
    CHECK(f[4].one_way);
    CHECK(f[4].trigger.node == 4);
    CHECK(f[4].heal_after == Duration::s(3));
    CHECK(f[5].kind == Fault::Kind::heal);
    CHECK(f[5].trigger.at == Time::zero() + Duration::s(30));
    CHECK(f[6].kind == Fault::Kind::delay);
    CHECK(f[6].from == 4);
    CHECK(f[6].to == 3);
    CHECK(f[6].amount == Duration::s(90));
    CHECK(f[6].count == 2);
    CHECK(f[7].from == no_node);
    CHECK(f[7].to == no_node);
    CHECK(f[7].count == 1);
    CHECK(f[8].kind == Fault::Kind::loss);
    CHECK(f[8].from == 1);
    CHECK(f[8].to == no_node);
    CHECK(f[8].node == no_node);
    CHECK(f[8].trigger.node == 5);
    CHECK(f[8].length == Duration::s(4));
    CHECK(f[8].loss_num * 4 == f[8].loss_den);
    CHECK(f[9].from == no_node);
    CHECK(f[9].to == 4);
    CHECK(f[9].length == Duration::ms(500));
    CHECK(f[9].loss_num == f[9].loss_den); // every message, by default
}

TEST_CASE("set overrides change the document before it is checked", "[scenario]") {
    const std::string base = "name: t\nlock: {ttl: 30s, redis: {fencing_counter: true}}\n"
                             "clients: [{name: c1}, {name: c2}]\n";
    const ScenarioLoad l =
        load(base, {"resource.fencing=token", "lock.ttl=10s", "seed=7", "clients.1.hold=2s",
                    "network.latency={min: 1ms, max: 2ms}", "lock.redis.first_token=100"});
    require_ok(l);
    CHECK(l.scenario.system.resource.fencing == FencingMode::token);
    CHECK(l.scenario.system.lock.ttl == Duration::s(10));
    CHECK(l.scenario.system.seed == 7);
    CHECK(l.scenario.system.clients[1].hold == Duration::s(2));
    CHECK(l.scenario.system.clients[0].hold == Duration::ms(100));
    CHECK(l.scenario.system.network.link.latency.hi == Duration::ms(2));
    CHECK(l.scenario.system.lock.redis.first_token == 100);
    CHECK(l.scenario.system.lock.redis.fencing_counter); // the rest of lock.redis stays

    // A later override wins; an override may replace a whole section.
    const ScenarioLoad later = load(base, {"seed=3", "seed=4", "resource=none"});
    require_ok(later);
    CHECK(later.scenario.system.seed == 4);
    CHECK_FALSE(later.scenario.system.resource.enabled);
}

TEST_CASE("set overrides that are not valid name the override", "[scenario]") {
    const std::string base = "name: t\nresource: none\nclients: [{name: c1}]\n";
    require_error(load(base, {"lock.tll=10s"}), 1, 6, "did you mean 'ttl'?", "--set");
    require_error(load(base, {"clients.5.hold=1s"}), 1, 9, "there is no item 5", "--set");
    require_error(load(base, {"clients.first.hold=1s"}), 1, 9, "expected an item number", "--set");
    require_error(load(base, {"seed"}), 1, 1, "expected KEY.PATH=VALUE", "--set");
    require_error(load(base, {"seed.x=1"}), 1, 6, "is a single value", "--set");
    require_error(load(base, {"resource.fencing=token"}), 1, 10, "not a map", "--set");
    require_error(load(base, {"lock..ttl=1s"}), 1, 6, "empty key", "--set");
    // The value is checked like the file, at its place on the command line.
    require_error(load(base, {"lock.ttl=abc"}), 1, 10, "lock.ttl: expected a duration", "--set");
    require_error(load(base, {"seed=7", "lock.service=redlok"}), 1, 14, "did you mean 'redlock'?",
                  "--set");
    require_error(load(base, {"network.latency={min: 1ms"}), 1, 17, "", "--set");
    const ScenarioLoad l = load(base, {"lock.tll=10s"});
    REQUIRE(l.errors.size() == 1);
    CHECK(l.errors[0].message.find("--set lock.tll=10s") != std::string::npos);
    CHECK(l.errors[0].format() ==
          "--set:1:6: error: " + l.errors[0].message + "\n  lock.tll=10s\n       ^");
}

TEST_CASE("files that cannot be read or are not scenarios", "[scenario]") {
    const ScenarioLoad missing = load_scenario_file("/no/such/dir/x.yaml");
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].line == 0);
    CHECK(missing.errors[0].format() ==
          "/no/such/dir/x.yaml: error: cannot open /no/such/dir/x.yaml: No such file or directory");
    const ScenarioLoad directory = load_scenario_file("/");
    REQUIRE(directory.errors.size() == 1);
    CHECK(directory.errors[0].message.find("Is a directory") != std::string::npos);

    const ScenarioLoad empty = load("# nothing but a comment\n");
    REQUIRE(empty.errors.size() == 1);
    CHECK(empty.errors[0].line == 0);
    CHECK(empty.errors[0].message.find("the scenario is empty") != std::string::npos);
    require_error(load("- name: t\n"), 1, 1, "the scenario must be a map");
    require_error(load("just words\n"), 1, 1, "the scenario must be a map");
}

TEST_CASE("errors print the source line with a caret under the column", "[scenario]") {
    const ScenarioLoad l = load("name: t\nlock:\n  ttl: 30\nclients: [{name: c1}]\n");
    REQUIRE(l.errors.size() == 1);
    CHECK(l.errors[0].format() ==
          "t.yaml:3:8: error: lock.ttl: duration '30' needs a unit: ns, us, ms, s, m (minutes) or "
          "h\n    ttl: 30\n         ^");
    const ScenarioError tabbed{"f", 1, 3, "m", "\tx y"};
    CHECK(tabbed.format() == "f:1:3: error: m\n  \tx y\n  \t ^");
}

TEST_CASE("malformed YAML and wrong shapes", "[scenario]") {
    require_error(load("name: t\nclients: [{name: c1}\n"), 3, 1, "end of sequence flow");
    require_error(load("name: t\n  bad: indent\n"), 2, 6, "illegal map value");
    require_error(load("name: t\nname: u\nclients: [{name: c1}]\n"), 2, 1,
                  "duplicate key 'name' (first given on line 1)");
    require_error(load("name: t\nclients: [{name: c1}]\n---\nname: u\n"), 3, 1,
                  "one YAML document; remove this second one");
    // yaml-cpp's LoadAll never returns on a stray comma (yaml-cpp issue 1040).
    require_error(load("# a comment\n, x\nname: t\n"), 2, 1, "unexpected ','");
    require_error(load("name: &a [*a]\nclients: [{name: c1}]\n"), 1, 7,
                  "an alias that contains itself");
    require_error(load("name: t\nlock: redis\nclients: [{name: c1}]\n"), 2, 7,
                  "lock must be a map of keys");
    require_error(load("name: t\nclients: {name: c1}\n"), 2, 10, "clients must be a list");
    require_error(load("name: t\nclients: []\n"), 2, 10, "at least one client");
    require_error(load("clients: [{name: c1}]\n"), 1, 1, "needs the key 'name'");
    require_error(load("name: t\n"), 1, 1, "needs the key 'clients'");
    require_error(load("name: t\nnmae: u\nclients: [{name: c1}]\n"), 2, 1,
                  "unknown key 'nmae' at the top level; did you mean 'name'?");
    require_error(load("name: t\n? [a]\n: 1\nclients: [{name: c1}]\n"), 2, 3,
                  "a key must be a plain word");
}

TEST_CASE("header and lock mistakes", "[scenario]") {
    const std::string clients = "clients: [{name: c1}]\n";
    require_error(load("name: t\nseed: -1\n" + clients), 2, 7, "expected a whole number");
    require_error(load("name: t\nseed: 99999999999999999999999\n" + clients), 2, 7, "too large");
    require_error(load("name: t\nduration: 0s\n" + clients), 2, 11,
                  "duration must be greater than zero");
    require_error(load("name: t\nduration: 2 minutes\n" + clients), 2, 11, "needs a unit");
    require_error(load("name: t\nlock: {service: memcached}\n" + clients), 2, 17,
                  "unknown value 'memcached'");
    require_error(load("name: t\nlock: {tll: 30s}\n" + clients), 2, 8, "did you mean 'ttl'?");
    require_error(load("name: t\nlock: {ttl: 0s}\n" + clients), 2, 13, "write `ttl: none`");
    require_error(load("name: t\nlock: {ttl: -5s}\n" + clients), 2, 13, "must not be negative");
    require_error(load("name: t\nlock: {ttl: 1.5.2s}\n" + clients), 2, 13, "two decimal points");
    require_error(load("name: t\nlock: {redlock: {nodes: 3}}\n" + clients), 2, 8,
                  "lock.redlock only applies to service redlock");
    require_error(load("name: t\nlock: {replication: {replicas: 1}}\n" + clients), 2, 8,
                  "only applies to service redis-replicated");
    require_error(load("name: t\nlock: {service: redlock, redlock: {nodes: 0}}\n" + clients), 2, 43,
                  "nodes must be between 1 and 100");
    require_error(
        load("name: t\nlock: {service: redlock, redlock: {drift_factor: 1.5}}\n" + clients), 2, 50,
        "below 1");
    require_error(load("name: t\nlock: {redis: {persistence: aof}}\n" + clients), 2, 29,
                  "expected one of: none, aof-everysec, aof-always");
    require_error(load("name: t\nlock: {redis: {fencing_counter: yes}}\n" + clients), 2, 33,
                  "expected true or false");
    require_error(load("name: t\nlock: {redis: {hz: 0}}\n" + clients), 2, 20,
                  "hz must be between 1 and 500");
}

TEST_CASE("resource fencing needs a service that hands out tokens", "[scenario]") {
    const std::string clients = "clients: [{name: c1}]\n";
    require_error(load("name: t\nresource: {fencing: token}\n" + clients), 2, 21,
                  "set lock.redis.fencing_counter: true");
    require_error(load("name: t\nlock: {service: redlock}\nresource: {fencing: cas}\n" + clients),
                  3, 21,
                  "Redlock offers no fencing token (Kleppmann 2016): use resource.fencing: none, "
                  "or a lock service with tokens");
    require_error(
        load("name: t\nlock: {service: redis-replicated}\nresource: {fencing: token}\n" + clients),
        3, 21, "fencing_counter");
    require_error(load("name: t\nresource: {fencing: tokens}\n" + clients), 2, 21,
                  "did you mean 'token'?");
    require_error(load("name: t\nresource: off\n" + clients), 2, 11, "resource must be `none`");
}

TEST_CASE("network mistakes", "[scenario]") {
    const std::string clients = "clients: [{name: c1}]\n";
    require_error(load("name: t\nnetwork: {loss: 150%}\n" + clients), 2, 17, "above 1");
    require_error(load("name: t\nnetwork: {loss: 2/1}\n" + clients), 2, 17, "above 1");
    require_error(load("name: t\nnetwork: {duplicate: -1%}\n" + clients), 2, 22, "between 0 and 1");
    require_error(load("name: t\nnetwork: {loss: often}\n" + clients), 2, 17,
                  "expected a probability");
    require_error(load("name: t\nnetwork: {partitions: block}\n" + clients), 2, 23,
                  "expected one of: drop, hold");
    require_error(load("name: t\nnetwork: {ordered: 1}\n" + clients), 2, 20, "true or false");
    require_error(load("name: t\nnetwork: {links: [{from: c9}]}\n" + clients), 2, 26,
                  "unknown node 'c9'; did you mean 'c1'? known nodes: redis, storage, c1");
    require_error(load("name: t\nnetwork: {links: [{form: c1}]}\n" + clients), 2, 20,
                  "did you mean 'from'?");
}

TEST_CASE("client mistakes", "[scenario]") {
    const auto one = [](const std::string& client) {
        return load("name: t\nclients:\n  - " + client + "\n");
    };
    require_error(load("name: t\nclients: [{name: c1}, {name: c1}]\n"), 2, 30,
                  "client name 'c1' is already used (line 2)");
    require_error(one("{name: storage}"), 3, 12, "is the name of a server node");
    require_error(one("{name: redis}"), 3, 12, "is the name of a server node");
    require_error(one("{hold: 1s}"), 3, 5, "needs the key 'name'");
    require_error(one("{name: 'c 1'}"), 3, 12, "is not a name");
    require_error(one("{name: c1, hold: -1s}"), 3, 22, "hold must not be negative");
    require_error(one("{name: c1, hold: 2s, hold_max: 1s}"), 3, 36, "is below hold");
    require_error(one("{name: c1, cycles: 0}"), 3, 24, "cycles must be between 1");
    require_error(one("{name: c1, request_timeout: 0s}"), 3, 33, "greater than zero");
    require_error(one("{name: c1, release: sometimes}"), 3, 25, "expected one of: safe, unsafe");
    require_error(one("{name: c1, start: 200s}"), 3, 23, "after the end of the run");
    require_error(one("{name: c1, hodl: 1s}"), 3, 16, "did you mean 'hold'?");
    require_error(load("name: t\nlock: {ttl: none}\nclients: [{name: c1, renewal: watchdog}]\n"), 3,
                  31, "a watchdog renews a TTL");
}

TEST_CASE("clock mistakes", "[scenario]") {
    const std::string head = "name: t\nclients: [{name: c1}]\n";
    require_error(load(head + "clocks: {redis-9: {offset: 1s}}\n"), 3, 10,
                  "unknown node 'redis-9'");
    require_error(load(head + "clocks: {c1: {drift: 2}}\n"), 3, 22, "expected a rate");
    require_error(load(head + "clocks: {c1: {drift: -100%}}\n"), 3, 22, "strictly between");
    require_error(load(head + "clocks: {c1: {skew: 1s}}\n"), 3, 15, "unknown key 'skew'");
    require_error(load(head + "clocks: [c1]\n"), 3, 9, "clocks must be a map");
}

TEST_CASE("fault mistakes", "[scenario]") {
    const auto fault = [](const std::string& f) {
        return load("name: t\nclients: [{name: c1}, {name: c2}]\nfaults:\n  - " + f + "\n");
    };
    require_error(fault("{pause: c3, at: 1s, for: 1s}"), 4, 13, "unknown node 'c3'");
    require_error(fault("{pause: c1, at: 1s}"), 4, 5, "needs the key 'for'");
    require_error(fault("{pause: c1, at: 1s, for: 0s}"), 4, 30, "for must be greater than zero");
    require_error(fault("{pause: c1, for: 1s}"), 4, 5, "needs `at: TIME` or `at_point: POINT`");
    require_error(fault("{pause: c1, at: 1s, at_point: acquired, for: 1s}"), 4, 25,
                  "both `at` and `at_point`");
    require_error(fault("{pause: c1, at: 121s, for: 1s}"), 4, 21,
                  "after the end of the run (duration 120s)");
    require_error(fault("{pause: c1, at: -1s, for: 1s}"), 4, 21, "must not be negative");
    require_error(fault("{pause: c1, at_point: aquired, for: 1s}"), 4, 27,
                  "did you mean 'acquired'?");
    require_error(fault("{pause: c1, at: 1s, of: c2, for: 1s}"), 4, 25, "needs `at_point`");
    require_error(fault("{pause: c1, at_point: {point: acquired, occurrence: 0}, for: 1s}"), 4, 57,
                  "occurrence must be between 1");
    require_error(fault("{pasue: c1, at: 1s}"), 4, 6, "did you mean 'pause'?");
    require_error(fault("{at: 1s}"), 4, 5, "names no fault kind");
    require_error(fault("{pause: c1, crash: c2, at: 1s}"), 4, 17, "both a pause and a crash");
    require_error(fault("{crash: c1, at: 1s, for: 1s}"), 4, 25, "unknown key 'for' in faults[0]");
    require_error(fault("{partition: [[c1, redis], [c1]], at: 2s}"), 4, 32,
                  "'c1' is already in faults[0].partition[0]");
    require_error(fault("{partition: [[c1, c2]], at: 2s}"), 4, 17,
                  "needs between 2 and 255 groups");
    require_error(fault("{partition: [[c1], [c2], [redis]], at: 2s, one_way: true}"), 4, 57,
                  "one_way needs exactly two groups");
    require_error(fault("{partition: [[c1], [c2]], at: 20s, heal_at: 10s}"), 4, 49,
                  "heal_at (10s) must be after at (20s)");
    require_error(fault("{partition: [[c1], [c2]], at_point: acquired, of: c1, heal_at: 10s}"), 4,
                  59, "heal_at needs `at`");
    require_error(fault("{partition: [[c1], [c2]], at: 1s, heal_at: 3s, heal_after: 2s}"), 4, 39,
                  "both heal_after and heal_at");
    require_error(fault("{partition: [[c1], []], at: 1s}"), 4, 24, "is an empty group");
    require_error(fault("{partition: [[c1], [c2]], at_point: acquired}"), 4, 31,
                  "name one with `of: NODE`");
    require_error(fault("{heal: c1, at: 1s}"), 4, 12, "write `heal: all`");
    require_error(fault("{delay: {from: c1}, at: 1s}"), 4, 5, "needs the key 'by'");
    require_error(fault("{delay: {from: c1, to: nowhere}, at: 1s, by: 1s}"), 4, 28,
                  "unknown node 'nowhere'");
    require_error(fault("{loss: {from: c1}, at: 1s}"), 4, 5, "needs the key 'for'");
    require_error(fault("{loss: {from: c1}, at: 1s, for: 1s, chance: 0%}"), 4, 49,
                  "chance must be above zero");
    require_error(fault("{loss: {from: c1}, at: 1s, for: 1s, chance: 150%}"), 4, 49, "is above 1");
    require_error(fault("{loss: {form: c1}, at: 1s, for: 1s}"), 4, 13, "did you mean 'from'?");
    require_error(fault("{loss: {from: c1}, at: 1s, for: 1s, by: 2s}"), 4, 41,
                  "unknown key 'by' in faults[0]");
    require_error(fault("{clock_drift: c1, at: 1s, rate: 2}"), 4, 37, "expected a rate");
    require_error(fault("{clock_slew: c1, at: 1s, by: 1s, rate: -5ppm}"), 4, 44, "above zero");
    require_error(fault("{clock_step: c1, at: 1s, by: soon}"), 4, 34, "expected a duration");
    require_error(fault("{crash: c1, at: 1s, restart_after: -1s}"), 4, 40, "must not be negative");
    require_error(load("name: t\nclients: [{name: c1}]\nfaults: {pause: c1}\n"), 3, 9,
                  "faults must be a list");
    require_error(fault("pause c1 at 1s"), 4, 5, "faults[0] must be a map");
}

TEST_CASE("expectation mistakes", "[scenario]") {
    const std::string head = "name: t\nclients: [{name: c1}]\n";
    require_error(load(head + "expect: {mutual_exclusion: broken}\n"), 3, 28,
                  "expected one of: holds, violated, inconclusive");
    require_error(load(head + "expect: {safety: holds}\n"), 3, 10,
                  "unknown key 'safety' in expect; did you mean 'resource_safety'?");
    require_error(load(head + "expect: {marks: [lease_expired_while_pasued]}\n"), 3, 18,
                  "did you mean 'lease_expired_while_paused'?");
    require_error(load(head + "expect: {marks: stale_write_accepted}\n"), 3, 17,
                  "expect.marks must be a list");
}

TEST_CASE("several mistakes are reported together in file order", "[scenario]") {
    const ScenarioLoad l = load("name: t\nseed: x\nlock: {ttl: 0s}\nclients: [{name: c1, hold: "
                                "-1s}]\nfaults: [{pause: zz, at: 1s, for: 1s}]\n");
    REQUIRE(l.errors.size() == 4);
    CHECK(l.errors[0].line == 2);
    CHECK(l.errors[1].line == 3);
    CHECK(l.errors[2].line == 4);
    CHECK(l.errors[3].line == 5);
}

TEST_CASE("scalar forms parse exactly", "[scenario]") {
    using namespace lockstep::scenario;
    CHECK(parse_probability("1/100").value.den == 100);
    CHECK(parse_probability("0.5%").value.num == 1);
    CHECK(parse_probability("0.5%").value.den == 200);
    CHECK(parse_probability("0").value.num == 0);
    CHECK(parse_probability("1").value.num == 1);
    CHECK(parse_probability("1").value.den == 1);
    CHECK_FALSE(parse_probability("1/0").ok);
    CHECK_FALSE(parse_probability("").ok);
    CHECK(parse_rate_ppm("2%", false).value == 20'000);
    CHECK(parse_rate_ppm("-0.5%", false).value == -5'000);
    CHECK(parse_rate_ppm("+20000ppm", false).value == 20'000);
    CHECK(parse_rate_ppm("0.01", true).value == 10'000);
    CHECK_FALSE(parse_rate_ppm("0.01", false).ok);
    CHECK_FALSE(parse_rate_ppm("0.00001%", false).ok);
    CHECK(parse_unsigned("18446744073709551615").ok);
    CHECK_FALSE(parse_unsigned("18446744073709551616").ok);
    CHECK(nearest("tll", {"ttl", "key"}) == "ttl");
    CHECK(nearest("zzzzz", {"ttl", "key"}).empty());
}

TEST_CASE("etcd and zookeeper sections map onto the spec and lock.ttl sets the session",
          "[scenario]") {
    const ScenarioLoad etcd = load(R"(name: e
lock:
  service: etcd
  ttl: 5s
  etcd: { members: 5, election_timeout: 500ms, fsync: 4ms, bug_11456: true, recipe: mutex }
clients: [{name: c1}]
)");
    require_ok(etcd);
    const LockSpec& e = etcd.scenario.system.lock;
    CHECK(e.etcd.raft.members == 5);
    CHECK(e.etcd.raft.election_timeout == Duration::ms(500));
    CHECK(e.etcd.raft.fsync == Duration::ms(4));
    CHECK(e.etcd.bug_11456);
    CHECK(e.etcd.session_ttl == Duration::s(5));
    CHECK(id_of(etcd.scenario, "etcd-5") == 4);

    const ScenarioLoad zk = load(R"(name: z
lock: { service: zookeeper, ttl: 10s, zookeeper: { recipe: herd, tick: 200ms } }
clients: [{name: c1}]
)");
    require_ok(zk);
    CHECK(zk.scenario.system.lock.zookeeper.recipe == ZkRecipe::herd);
    CHECK(zk.scenario.system.lock.zookeeper.tick == Duration::ms(200));
    CHECK(zk.scenario.system.lock.zookeeper.session_timeout == Duration::s(10));

    // Without lock.ttl, etcd keeps its own 60 s session default.
    const ScenarioLoad plain = load("name: p\nlock: { service: etcd }\nclients: [{name: c1}]\n");
    require_ok(plain);
    CHECK(plain.scenario.system.lock.etcd.session_ttl == Duration::s(60));
}

TEST_CASE("etcd and zookeeper settings that contradict or do not apply are errors", "[scenario]") {
    require_error(load("name: e\nlock: { service: etcd, ttl: 1500ms }\nclients: [{name: c1}]\n"), 2,
                  29, "whole seconds");
    require_error(load("name: e\nlock: { service: etcd, ttl: 5s, etcd: { session_ttl: 9s } }\n"
                       "clients: [{name: c1}]\n"),
                  2, 24, "not both");
    require_error(
        load("name: e\nlock: { service: redis, zookeeper: { tick: 2s } }\nclients: [{name: c1}]\n"),
        2, 25, "only applies to service zookeeper");
    require_error(
        load("name: e\nlock: { service: etcd, etcd: { recipe: paxos } }\nclients: [{name: c1}]\n"),
        2, 40, "paxos");
}
