#include "gui/gui_options.hpp"

#include <charconv>
#include <fstream>
#include <string_view>

namespace lockstep::gui {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <class Int>
bool parse_int(std::string_view text, Int& out) {
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool parse_size(std::string_view text, int& w, int& h) {
    const size_t x = text.find('x');
    return x != std::string_view::npos && parse_int(text.substr(0, x), w) &&
           parse_int(text.substr(x + 1), h) && w >= 320 && h >= 240 && w <= 8192 && h <= 8192;
}

class Parser {
  public:
    Parser(int argc, const char* const* argv) : argc_(argc), argv_(argv) {}

    GuiOptions run() {
        for (i_ = 1; i_ < argc_ && o_.error.empty(); ++i_) {
            one(argv_[i_]);
        }
        if (o_.error.empty() && o_.file.empty() && !o_.help && !o_.version) {
            o_.error = "give a scenario (.yaml) or a trace (.jsonl) to open";
        }
        return o_;
    }

  private:
    // The value after a flag, or an error naming the flag.
    const char* value(std::string_view flag) {
        if (i_ + 1 >= argc_) {
            o_.error = std::string(flag) + " needs a value";
            return nullptr;
        }
        return argv_[++i_];
    }

    void one(std::string_view arg) {
        const char* v = nullptr;
        if (arg == "--help" || arg == "-h") {
            o_.help = true;
        } else if (arg == "--version") {
            o_.version = true;
        } else if (arg == "--replay" && (v = value(arg))) {
            o_.replay = v;
        } else if (arg == "--swarm" && (v = value(arg))) {
            o_.swarm = v;
        } else if (arg == "--seed" && (v = value(arg))) {
            uint64_t seed = 0;
            if (!parse_int(std::string_view(v), seed)) {
                o_.error = "--seed wants a whole number, got '" + std::string(v) + "'";
            }
            o_.seed = seed;
        } else if (arg == "--set" && (v = value(arg))) {
            o_.overrides.emplace_back(v);
        } else if (arg == "--compare-set" && (v = value(arg))) {
            o_.compare_sets.emplace_back(v);
        } else if (arg == "--jump-to-violation") {
            o_.jump_to_violation = true;
        } else if (arg == "--screenshot" && (v = value(arg))) {
            o_.screenshot = v;
        } else if (arg == "--frames" && (v = value(arg))) {
            if (!parse_int(std::string_view(v), o_.frames) || o_.frames < 1) {
                o_.error = "--frames wants a count of at least 1, got '" + std::string(v) + "'";
            }
        } else if (arg == "--size" && (v = value(arg))) {
            if (!parse_size(v, o_.width_px, o_.height_px)) {
                o_.error = "--size wants WIDTHxHEIGHT (320x240 to 8192x8192), got '" +
                           std::string(v) + "'";
            }
        } else if (arg == "--bench") {
            o_.bench = true;
        } else if (!o_.error.empty()) {
            return; // value() reported a missing value
        } else if (!arg.empty() && arg[0] == '-') {
            o_.error = "unknown option " + std::string(arg) + " (see --help)";
        } else {
            positional(arg);
        }
    }

    void positional(std::string_view arg) {
        if (o_.file.empty()) {
            o_.file = arg;
        } else if (o_.verdict.empty() && file_kind(o_.file) == FileKind::trace) {
            o_.verdict = arg;
        } else {
            o_.error = "unexpected argument '" + std::string(arg) + "'";
        }
    }

    int argc_;
    const char* const* argv_;
    int i_ = 1;
    GuiOptions o_;
};

} // namespace

GuiOptions parse_gui_options(int argc, const char* const* argv) {
    return Parser(argc, argv).run();
}

std::string gui_usage() {
    return "usage: lockstep-gui SCENARIO.yaml [--seed N] [--set KEY=VALUE]... [--swarm KINDS]\n"
           "                    [--replay CHOICES]\n"
           "       lockstep-gui TRACE.jsonl [VERDICT.json]\n"
           "\n"
           "Shows a run as a timeline: what each client believes against what the servers say,\n"
           "messages, pauses, partitions, clock offsets, writes, and the violation.\n"
           "\n"
           "options:\n"
           "  --seed N                 run the scenario with this seed\n"
           "  --set KEY=VALUE          override a scenario value (repeatable), e.g.\n"
           "                           --set resource.fencing=token --set faults.0.for=20s\n"
           "  --replay CHOICES         replay a choice string printed by check or explore\n"
           "  --swarm KINDS            add the seed's swarm faults, as check's replay line says\n"
           "  --compare-set KEY=VALUE  also run with this override and show both (repeatable)\n"
           "  --jump-to-violation      start zoomed on the first violation\n"
           "  --screenshot FILE.png    render, write the window to FILE.png and exit\n"
           "  --frames N               frames to render before the screenshot (default 3)\n"
           "  --size WxH               window size (default 1280x800)\n"
           "  --bench                  measure frame time while zooming and panning, then exit\n"
           "  --help, --version\n"
           "\n"
           "Exit codes: 0 shown, 2 bad usage or a file that could not be opened.\n";
}

FileKind file_kind(const std::string& path) {
    if (ends_with(path, ".yaml") || ends_with(path, ".yml")) {
        return FileKind::scenario;
    }
    if (ends_with(path, ".jsonl") || ends_with(path, ".json")) {
        return FileKind::trace;
    }
    std::ifstream in(path);
    char first = 0;
    in >> first; // skips whitespace
    if (first == '{') {
        return FileKind::trace;
    }
    return in ? FileKind::scenario : FileKind::unknown;
}

} // namespace lockstep::gui
