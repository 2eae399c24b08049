#pragma once
// Writes the back buffer to a PNG: call after rendering and before swapping.
#include <string>

namespace lockstep::gui {

bool write_back_buffer_png(const std::string& path, int width_px, int height_px,
                           std::string& error);

} // namespace lockstep::gui
