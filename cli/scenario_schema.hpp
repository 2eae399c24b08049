#pragma once
// The shape of a scenario document: which keys each map may hold and what sits below them. The
// converters take their key lists from here and `--set` checks its paths against the same
// shapes, so the two can never disagree about what a valid key is.
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace lockstep::scenario {

enum class Place : uint8_t {
    value, // a scalar (or a value the converter reads whole)
    top,
    lock,
    redis,
    replication,
    redlock,
    etcd,
    kube,
    zookeeper,
    network,
    latency,
    links,
    link,
    link_ends,
    resource,
    clients,
    client,
    clocks,
    clock,
    faults,
    fault,
    groups,
    group,
    at_point,
    expect,
    marks,
    explore,
    explore_pauses,
    explore_crashes,
};

struct Shape {
    enum class Kind : uint8_t { value, map, list, named }; // named: a map keyed by node names
    Kind kind = Kind::value;
    std::vector<std::pair<std::string_view, Place>> fields; // map
    Place element = Place::value;                           // list and named
};

const Shape& shape_of(Place place);
std::vector<std::string_view> keys_of(Place place);

// A fault is a map with exactly one kind key (pause: NODE, crash: NODE, ...); these are the keys
// each kind adds to the trigger keys (at, at_point, of).
struct FaultKindKeys {
    std::string_view kind;
    std::vector<std::string_view> keys;
};
const std::vector<FaultKindKeys>& fault_kinds();
const std::vector<std::string_view>& fault_trigger_keys();

// The program points a client reaches (models/client.cpp), in the order of one cycle.
const std::vector<std::string_view>& client_point_names();

} // namespace lockstep::scenario
