#pragma once
// The house rules that keep runs deterministic and layers pointing one way, checked on source text.
#include <string>
#include <string_view>
#include <vector>

namespace lockstep::tidy {

struct Finding {
    std::string file;
    int line = 0;
    std::string rule;
    std::string text;
};

// `relative_path` is the path from the repository root (it decides the layer: sim/, models/, ...).
std::vector<Finding> check_source(std::string_view relative_path, std::string_view content);

// Walks `root`'s layer folders and checks every C++ source file.
std::vector<Finding> check_tree(const std::string& root);

} // namespace lockstep::tidy
