#pragma once
// lockstep-gui's command line, parsed by hand: it is small, and CLI11 would cost the GUI a slow
// translation unit of its own.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lockstep::gui {

struct GuiOptions {
    std::string file;                  // a scenario (.yaml) or a trace (.jsonl)
    std::string verdict;               // with a trace: its verdict file
    std::optional<std::string> replay; // a choice string to replay
    std::string swarm;                 // --swarm KINDS, as lockstep check prints it
    std::optional<uint64_t> seed;
    std::vector<std::string> overrides;    // --set
    std::vector<std::string> compare_sets; // --compare-set: a second run with these too
    bool jump_to_violation = false;
    std::string screenshot; // write a PNG after `frames` frames and exit
    int frames = 3;
    int width_px = 1280;
    int height_px = 800;
    bool bench = false; // measure frame times while zooming and panning
    bool help = false;
    bool version = false;
    std::string error; // a usage error (exit code 2)
};

GuiOptions parse_gui_options(int argc, const char* const* argv);
std::string gui_usage();

enum class FileKind : uint8_t { scenario, trace, unknown };
// By extension; a file with none is sniffed by its first character ('{' is a trace).
FileKind file_kind(const std::string& path);

} // namespace lockstep::gui
