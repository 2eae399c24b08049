#include "cli/runner.hpp"

#include <algorithm>

#include <malloc.h>

#include "cli/explore_setup.hpp"
#include "models/build.hpp"
#include "models/client.hpp"

namespace lockstep {

Expectation full_expectation(const Expectation& stated) {
    Expectation full = stated;
    for (std::string_view name : property_names()) {
        const bool listed =
            std::any_of(stated.properties.begin(), stated.properties.end(),
                        [&](const Expectation::Property& p) { return p.name == name; });
        if (!listed) {
            full.properties.push_back({std::string(name), Verdict::holds});
        }
    }
    return full;
}

namespace {

// "redis-1,redis-2": the trace header says which nodes are lock servers, for the checker.
std::string join_names(const std::vector<std::string>& names, const std::vector<NodeId>& ids) {
    std::string out;
    for (NodeId id : ids) {
        out += (out.empty() ? "" : ",") + names[id];
    }
    return out;
}

} // namespace

SwarmTargets swarm_targets(const Scenario& scenario) {
    const SystemSpec& spec = scenario.system;
    const size_t names = node_names(spec).size();
    const size_t clients = spec.clients.size();
    const size_t servers = names - clients - (spec.resource.enabled ? 1 : 0);
    SwarmTargets t;
    for (size_t i = 0; i < servers; ++i) {
        t.servers.push_back(static_cast<NodeId>(i));
    }
    for (size_t i = names - clients; i < names; ++i) {
        t.clients.push_back(static_cast<NodeId>(i));
    }
    for (std::string_view point : workload_program_points()) {
        t.client_points.emplace_back(point);
    }
    t.horizon = spec.duration;
    t.scale = spec.lock.ttl > Duration::zero() ? spec.lock.ttl : Duration::s(10);
    return t;
}

FaultPlan faults_for(const Scenario& scenario, uint64_t seed,
                     const std::optional<SwarmKinds>& swarm) {
    FaultPlan plan = scenario.faults;
    if (swarm) {
        const FaultPlan drawn = draw_swarm_faults(seed, swarm_targets(scenario), *swarm);
        plan.insert(plan.end(), drawn.begin(), drawn.end());
    }
    return plan;
}

namespace {

std::unique_ptr<Chooser> make_chooser(const RunRequest& request, uint64_t seed) {
    if (request.explored) {
        // The explorer numbers ties and picks latencies from ladders: replay it the same way.
        return std::make_unique<ScriptedChooser>(
            request.choices.value_or(std::vector<uint64_t>{}),
            ScriptedChooser::Options{.strict = true, .enumerating = true, .order_ties = true});
    }
    if (request.choices) {
        return std::make_unique<ScriptedChooser>(*request.choices,
                                                 ScriptedChooser::Options{.strict = true});
    }
    return std::make_unique<RandomChooser>(
        seed, RandomChooser::Options{.record = request.record_choices});
}

// What one run must show. A run the explorer chose is one counterexample of a search, judged as
// the search is (explore.expect): a property the search expects violated may go either way in
// one run, so it is not judged; every other property must hold; marks are not checked.
Expectation expectation_for(const Scenario& scenario, const RunRequest& request) {
    if (!request.explored || !scenario.explore.has_expect) {
        return full_expectation(scenario.expect);
    }
    Expectation e;
    for (std::string_view name : property_names()) {
        const auto& stated = scenario.explore.expect.properties;
        const bool may_fail = std::any_of(stated.begin(), stated.end(), [&](const auto& p) {
            return p.name == name && p.verdict != Verdict::holds;
        });
        if (!may_fail) {
            e.properties.push_back({std::string(name), Verdict::holds});
        }
    }
    return e;
}

// Past the end of a choice string every choice is 0, so trailing zeros replay the same run: leave
// them out and a replayed string prints back as it was given.
std::vector<uint64_t> without_trailing_defaults(const std::vector<Choice>& log) {
    std::vector<uint64_t> values;
    values.reserve(log.size());
    for (const Choice& c : log) {
        values.push_back(c.value);
    }
    while (!values.empty() && values.back() == 0) {
        values.pop_back();
    }
    return values;
}

} // namespace

void keep_heap_between_runs() {
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TOP_PAD, 16 * 1024 * 1024);
    // Setting those switches off glibc's adaptive mmap threshold (it would stay at 128 KB and
    // map and unmap every larger per-run buffer): fix it high instead, at glibc's maximum.
    mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024);
}

RunOutcome run_scenario(const Scenario& scenario, const RunRequest& request) {
    RunOutcome out;
    out.seed = request.seed.value_or(scenario.system.seed);
    Time end = Time::zero() + scenario.system.duration;
    if (request.explored) {
        const ExploreSetup setup = make_explore_setup(scenario);
        out.world = build_explore_world(scenario, setup, request.level);
        end = setup.options.run_end;
    } else {
        out.world = build_world(scenario.system, faults_for(scenario, out.seed, request.swarm),
                                request.level);
    }
    std::unique_ptr<Chooser> chooser = make_chooser(request, out.seed);
    Trace& trace = out.world->trace();
    trace.set_meta("scenario", scenario.system.name);
    trace.set_meta("file", scenario.path);
    trace.set_meta("seed", std::to_string(out.seed));
    if (request.swarm) {
        trace.set_meta("swarm", swarm_kinds_text(*request.swarm)); // faults drawn from the seed
    }
    trace.set_meta("servers",
                   join_names(node_names(scenario.system), swarm_targets(scenario).servers));
    out.world->start(*chooser);
    out.world->run({end, UINT64_MAX});
    out.end = end;
    out.choices = (request.explored ? std::string(explore_choices_prefix) : std::string()) +
                  encode_choices(without_trailing_defaults(chooser->log()));
    if (const auto* scripted = dynamic_cast<const ScriptedChooser*>(chooser.get())) {
        if (scripted->divergence()) {
            out.divergence = *scripted->divergence();
        }
    }
    trace.set_meta("choices", out.choices);
    trace.set_meta("messages_sent", std::to_string(out.world->stats().messages_sent));
    out.report = check_trace(trace, out.end);
    out.expected = expectation_for(scenario, request);
    out.expectation = compare(out.report, out.expected);
    return out;
}

// Quotes a word for a POSIX shell when it holds anything but plainly safe characters.
std::string shell_word(const std::string& word) {
    const bool safe = !word.empty() &&
                      word.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                             "0123456789_./=:+-,%@") == std::string::npos;
    if (safe) {
        return word;
    }
    std::string quoted = "'";
    for (char c : word) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string replay_choices_command(const Scenario& scenario, const std::string& choices,
                                   const std::vector<std::string>& overrides) {
    std::string command =
        "lockstep replay " + shell_word(scenario.path) + " --choices " + shell_word(choices);
    for (const std::string& o : overrides) {
        command += " --set " + shell_word(o);
    }
    return command;
}

std::string replay_command(const Scenario& scenario, uint64_t seed,
                           const std::vector<std::string>& overrides,
                           const std::string& swarm_kinds) {
    std::string command =
        "lockstep run " + shell_word(scenario.path) + " --seed " + std::to_string(seed);
    for (const std::string& o : overrides) {
        command += " --set " + shell_word(o);
    }
    if (!swarm_kinds.empty()) {
        command += " --swarm " + shell_word(swarm_kinds);
    }
    return command;
}

} // namespace lockstep
