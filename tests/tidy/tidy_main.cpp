// lockstep-tidy ROOT: prints every breach of the determinism and layering rules; exit 1 if any.
#include <cstdio>

#include "tests/tidy/tidy_rules.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: lockstep-tidy REPOSITORY_ROOT\n");
        return 2;
    }
    const auto findings = lockstep::tidy::check_tree(argv[1]);
    for (const auto& f : findings) {
        std::printf("%s:%d: %s\n    %s\n", f.file.c_str(), f.line, f.rule.c_str(), f.text.c_str());
    }
    std::printf("tidy: %zu finding(s)\n", findings.size());
    return findings.empty() ? 0 : 1;
}
