#include "cli/scenario.hpp"

namespace lockstep {

std::string ScenarioError::format() const {
    if (line <= 0) {
        return file + ": error: " + message;
    }
    std::string out =
        file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
    if (source_line.empty()) {
        return out;
    }
    // The caret copies the line's tabs so it lands under the column in any tab width, and skips
    // UTF-8 continuation bytes, which take no column of their own on screen.
    std::string caret;
    for (int i = 0; i + 1 < column && i < static_cast<int>(source_line.size()); ++i) {
        const auto byte = static_cast<unsigned char>(source_line[static_cast<size_t>(i)]);
        if ((byte & 0xC0) == 0x80) {
            continue;
        }
        caret += byte == '\t' ? '\t' : ' ';
    }
    for (int i = static_cast<int>(source_line.size()); i + 1 < column; ++i) {
        caret += ' ';
    }
    return out + "\n  " + source_line + "\n  " + caret + "^";
}

} // namespace lockstep
