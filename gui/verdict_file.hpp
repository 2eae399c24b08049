#pragma once
// What the GUI takes from a verdict file written by `lockstep run --verdict`: when the run ended
// (so open beliefs end where the checker ended them), its seed, choices and replay command. The
// verdicts themselves are recomputed from the trace with the same checker.
#include <cstdint>
#include <optional>
#include <string>

namespace lockstep::gui {

struct VerdictFile {
    bool ok = false;
    std::string error;
    std::optional<int64_t> end_ns;
    std::optional<uint64_t> seed;
    std::string choices;
    std::string replay;
};

VerdictFile read_verdict_file(const std::string& path);
// The same, from text (tests).
VerdictFile parse_verdict_text(const std::string& text);

} // namespace lockstep::gui
