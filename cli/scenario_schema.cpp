#include "cli/scenario_schema.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "checker/verdict.hpp"
#include "models/client.hpp"

namespace lockstep::scenario {
namespace {

using K = Shape::Kind;
using P = Place;

Shape map_of(std::vector<std::pair<std::string_view, Place>> fields) {
    return {K::map, std::move(fields), P::value};
}

Shape fault_shape() {
    std::vector<std::pair<std::string_view, Place>> fields;
    const auto add = [&](std::string_view key, Place place) {
        const bool known = std::any_of(fields.begin(), fields.end(),
                                       [&](const auto& f) { return f.first == key; });
        if (!known) {
            fields.emplace_back(key, place);
        }
    };
    for (const FaultKindKeys& k : fault_kinds()) {
        const Place target = k.kind == "partition"                   ? P::groups
                             : k.kind == "delay" || k.kind == "loss" ? P::link_ends
                                                                     : P::value;
        add(k.kind, target);
    }
    add("at", P::value);
    add("at_point", P::at_point);
    add("of", P::value);
    for (const FaultKindKeys& k : fault_kinds()) {
        for (std::string_view key : k.keys) {
            add(key, P::value);
        }
    }
    return map_of(std::move(fields));
}

Shape expect_shape() {
    std::vector<std::pair<std::string_view, Place>> fields;
    for (std::string_view property : property_names()) {
        fields.emplace_back(property, P::value);
    }
    fields.emplace_back("marks", P::marks);
    return map_of(std::move(fields));
}

std::map<Place, Shape> make_shapes() {
    std::map<Place, Shape> s;
    s[P::value] = {};
    s[P::top] = map_of({{"name", P::value},
                        {"description", P::value},
                        {"seed", P::value},
                        {"duration", P::value},
                        {"lock", P::lock},
                        {"network", P::network},
                        {"resource", P::resource},
                        {"clients", P::clients},
                        {"clocks", P::clocks},
                        {"faults", P::faults},
                        {"expect", P::expect},
                        {"explore", P::explore}});
    s[P::lock] = map_of({{"service", P::value},
                         {"ttl", P::value},
                         {"key", P::value},
                         {"redis", P::redis},
                         {"replication", P::replication},
                         {"redlock", P::redlock},
                         {"etcd", P::etcd},
                         {"zookeeper", P::zookeeper}});
    s[P::etcd] = map_of({{"members", P::value},
                         {"heartbeat", P::value},
                         {"election_timeout", P::value},
                         {"fsync", P::value},
                         {"recipe", P::value},
                         {"session_ttl", P::value},
                         {"lessor_check", P::value},
                         {"bug_11456", P::value},
                         {"session_per_lock", P::value},
                         {"session_done_ends_belief", P::value},
                         {"kube", P::kube}});
    s[P::kube] = map_of(
        {{"lease_duration", P::value}, {"renew_deadline", P::value}, {"retry_period", P::value}});
    s[P::zookeeper] = map_of({{"members", P::value},
                              {"heartbeat", P::value},
                              {"election_timeout", P::value},
                              {"fsync", P::value},
                              {"tick", P::value},
                              {"session_timeout", P::value},
                              {"recipe", P::value},
                              {"suspended_ends_belief", P::value},
                              {"guid_protection", P::value}});
    s[P::redis] = map_of({{"persistence", P::value},
                          {"fencing_counter", P::value},
                          {"first_token", P::value},
                          {"hz", P::value}});
    s[P::replication] = map_of({{"replicas", P::value},
                                {"lag", P::value},
                                {"ping_interval", P::value},
                                {"down_after", P::value}});
    s[P::redlock] = map_of({{"nodes", P::value},
                            {"per_node_timeout", P::value},
                            {"parallel", P::value},
                            {"drift_factor", P::value},
                            {"drift_extra", P::value},
                            {"variant", P::value},
                            {"clock", P::value}});
    s[P::network] = map_of({{"latency", P::latency},
                            {"loss", P::value},
                            {"duplicate", P::value},
                            {"ordered", P::value},
                            {"partitions", P::value},
                            {"links", P::links}});
    s[P::latency] =
        map_of({{"min", P::value}, {"max", P::value}, {"tail_max", P::value}, {"tail", P::value}});
    s[P::links] = {K::list, {}, P::link};
    s[P::link] = map_of({{"from", P::value},
                         {"to", P::value},
                         {"latency", P::latency},
                         {"loss", P::value},
                         {"duplicate", P::value},
                         {"ordered", P::value}});
    s[P::link_ends] = map_of({{"from", P::value}, {"to", P::value}});
    s[P::resource] = map_of({{"fencing", P::value}});
    s[P::clients] = {K::list, {}, P::client};
    s[P::client] = map_of({{"name", P::value},
                           {"count", P::value},
                           {"start", P::value},
                           {"cycles", P::value},
                           {"hold", P::value},
                           {"hold_max", P::value},
                           {"think", P::value},
                           {"release", P::value},
                           {"check_validity", P::value},
                           {"renewal", P::value},
                           {"renew_interval", P::value},
                           {"use_token", P::value},
                           {"retry_delay", P::value},
                           {"attempts", P::value},
                           {"acquire_timeout", P::value},
                           {"request_timeout", P::value}});
    s[P::clocks] = {K::named, {}, P::clock};
    s[P::clock] = map_of({{"offset", P::value}, {"drift", P::value}});
    s[P::faults] = {K::list, {}, P::fault};
    s[P::fault] = fault_shape();
    s[P::groups] = {K::list, {}, P::group};
    s[P::group] = {K::list, {}, P::value};
    s[P::at_point] = map_of({{"point", P::value}, {"occurrence", P::value}, {"after", P::value}});
    s[P::expect] = expect_shape();
    s[P::explore] = map_of({{"strategy", P::value},
                            {"max_depth", P::value},
                            {"max_time", P::value},
                            {"max_states", P::value},
                            {"max_faults", P::value},
                            {"latencies", P::value},
                            {"pauses", P::explore_pauses},
                            {"crashes", P::explore_crashes},
                            {"symmetry", P::value},
                            {"por", P::value},
                            {"stop_at_first", P::value},
                            {"expect", P::expect}});
    s[P::explore_pauses] =
        map_of({{"clients", P::value}, {"lengths", P::value}, {"points", P::value}});
    s[P::explore_crashes] =
        map_of({{"nodes", P::value}, {"restart_after", P::value}, {"points", P::value}});
    s[P::marks] = {K::list, {}, P::value};
    return s;
}

} // namespace

const Shape& shape_of(Place place) {
    static const std::map<Place, Shape> shapes = make_shapes();
    return shapes.at(place);
}

std::vector<std::string_view> keys_of(Place place) {
    std::vector<std::string_view> keys;
    for (const auto& field : shape_of(place).fields) {
        keys.push_back(field.first);
    }
    return keys;
}

const std::vector<FaultKindKeys>& fault_kinds() {
    static const std::vector<FaultKindKeys> kinds = {
        {"pause", {"for"}},
        {"clock_step", {"by"}},
        {"clock_drift", {"rate"}},
        {"clock_slew", {"by", "rate"}},
        {"crash", {"restart_after"}},
        {"restart", {}},
        {"partition", {"heal_after", "heal_at", "one_way"}},
        {"heal", {}},
        {"delay", {"by", "count"}},
        {"loss", {"for", "chance"}},
    };
    return kinds;
}

const std::vector<std::string_view>& fault_trigger_keys() {
    static const std::vector<std::string_view> keys = {"at", "at_point", "of"};
    return keys;
}

const std::vector<std::string_view>& client_point_names() {
    return client_program_points();
}

} // namespace lockstep::scenario
