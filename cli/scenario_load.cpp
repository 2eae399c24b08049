// The loader's pipeline: read the file, parse it, apply `--set` overrides, convert each section,
// and turn what went wrong into ScenarioErrors with the offending line.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <tuple>

#include "cli/scenario.hpp"
#include "cli/scenario_convert.hpp"
#include "cli/scenario_override.hpp"
#include "cli/scenario_schema.hpp"

namespace lockstep {
namespace {

using scenario::DocEntry;
using scenario::DocIssue;
using scenario::DocNode;
using scenario::Issues;

// Node names depend on the service (Redlock's N nodes, Sentinel's replicas) and may not be
// available for every service yet: node_names() says so by throwing.
bool server_names(Issues& issues, const SystemSpec& spec, const DocNode& root,
                  std::vector<std::string>& out) {
    SystemSpec servers_only = spec;
    servers_only.clients.clear();
    try {
        out = node_names(servers_only);
        return true;
    } catch (const std::exception& e) {
        const DocEntry* lock = root.find("lock");
        const DocEntry* service = lock != nullptr ? lock->value.find("service") : nullptr;
        issues.add(service != nullptr ? service->value.pos : root.pos,
                   std::string("lock.service: ") + e.what());
        return false;
    }
}

void convert(const DocNode& root, Issues& issues, Scenario& out) {
    SystemSpec& spec = out.system;
    const scenario::Section top(issues, root, "", scenario::keys_of(scenario::Place::top));
    if (!top.valid()) {
        return;
    }
    scenario::read_header(top, spec);
    const bool service_known = scenario::read_lock(top, spec.lock);
    scenario::read_resource(top, service_known, spec);
    std::vector<std::string> servers;
    const bool servers_known = service_known && server_names(issues, spec, root, servers);
    scenario::read_clients(top, servers, spec);
    scenario::NodeTable nodes;
    if (servers_known) {
        nodes = scenario::NodeTable(node_names(spec), servers.size());
    }
    scenario::read_network(top, nodes, spec.network);
    scenario::read_clocks(top, nodes, spec);
    scenario::read_faults(top, nodes, spec, out.faults);
    scenario::read_expect(top, out.expect);
    scenario::read_explore(top, nodes, spec, out.explore);
}

std::string line_of(std::string_view text, int line) {
    size_t start = 0;
    for (int i = 1; i < line; ++i) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) {
            return {};
        }
        ++start;
    }
    std::string out(text.substr(start, text.find('\n', start) - start));
    if (!out.empty() && out.back() == '\r') {
        out.pop_back();
    }
    return out;
}

std::vector<ScenarioError> to_errors(std::vector<DocIssue> issues, std::string_view text,
                                     const std::string& file_name,
                                     const std::vector<std::string>& overrides) {
    // The file first, then each override; within each, in reading order.
    std::stable_sort(issues.begin(), issues.end(), [](const DocIssue& a, const DocIssue& b) {
        return std::tie(a.pos.origin, a.pos.line, a.pos.column) <
               std::tie(b.pos.origin, b.pos.line, b.pos.column);
    });
    std::vector<ScenarioError> errors;
    for (const DocIssue& issue : issues) {
        ScenarioError e;
        const bool from_file = issue.pos.origin == 0;
        e.file = from_file ? file_name : "--set";
        e.line = issue.pos.line;
        e.column = issue.pos.column;
        e.message = issue.message;
        e.source_line = from_file ? line_of(text, issue.pos.line)
                                  : overrides[static_cast<size_t>(issue.pos.origin - 1)];
        errors.push_back(std::move(e));
    }
    return errors;
}

ScenarioLoad load(std::string_view yaml, const std::string& file_name,
                  const std::vector<std::string>& overrides) {
    ScenarioLoad out;
    out.scenario.path = file_name;
    scenario::DocParse doc = scenario::parse_yaml(yaml, 0);
    Issues issues;
    for (DocIssue& issue : doc.issues) {
        issues.add(issue.pos, std::move(issue.message));
    }
    if (doc.ok && doc.root.is_null()) {
        issues.add({}, "the scenario is empty; it needs at least `name:` and `clients:`");
    } else if (doc.ok) {
        if (doc.root.is_map()) {
            scenario::apply_overrides(doc.root, overrides, issues);
        }
        convert(doc.root, issues, out.scenario);
    }
    out.errors = to_errors(std::move(issues.all()), yaml, file_name, overrides);
    out.ok = out.errors.empty();
    return out;
}

} // namespace

ScenarioLoad load_scenario_text(std::string_view yaml, const std::string& file_name,
                                const std::vector<std::string>& overrides) {
    try {
        return load(yaml, file_name, overrides);
    } catch (const std::exception& e) {
        // A bug in the loader, not in the scenario; still no exception leaves the API.
        ScenarioLoad out;
        out.errors.push_back({file_name, 0, 0, std::string("internal error: ") + e.what(), {}});
        return out;
    }
}

ScenarioLoad load_scenario_file(const std::string& path,
                                const std::vector<std::string>& overrides) {
    const auto cannot_open = [&](const std::string& why) {
        ScenarioLoad out;
        out.scenario.path = path;
        out.errors.push_back({path, 0, 0, "cannot open " + path + ": " + why, {}});
        return out;
    };
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        return cannot_open(std::strerror(EISDIR));
    }
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (file == nullptr) {
        return cannot_open(std::strerror(errno));
    }
    std::string text;
    char buffer[65536];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
        text.append(buffer, n);
    }
    const bool failed = std::ferror(file) != 0;
    const int error = errno;
    std::fclose(file);
    if (failed) {
        return cannot_open(std::strerror(error));
    }
    return load_scenario_text(text, path, overrides);
}

} // namespace lockstep
