#pragma once
// The timeline's colours, as plain RGBA so that the screenshot test can look for them in a PNG.
// Belief bars and the violation are given colours nothing else uses.
#include <cstdint>

#include "gui/style.hpp"

namespace lockstep::gui {

struct Rgba {
    uint8_t r = 0, g = 0, b = 0, a = 255;
};

Rgba style_colour(Style style);

// A colour per node, for the clock-offset plot and the messages between lanes.
Rgba node_colour(uint32_t index);

// Backgrounds and chrome. The window is cleared to canvas_background and no panel paints a
// background of its own: with a software rasteriser (Mesa llvmpipe) every layer of fill costs
// frame time, so each pixel is painted as few times as possible. Even lanes are the clear colour.
inline constexpr Rgba canvas_background{24, 26, 30, 255};
inline constexpr Rgba lane_background_odd{32, 35, 42, 255};
inline constexpr Rgba ruler_background{44, 47, 54, 255};
inline constexpr Rgba ruler_text{200, 204, 212, 255};
inline constexpr Rgba grid_line{60, 64, 72, 255};
inline constexpr Rgba label_text{220, 222, 228, 255};
inline constexpr Rgba selection_outline{255, 255, 255, 255};
inline constexpr Rgba hover_outline{255, 236, 140, 255};
inline constexpr Rgba playback_cursor{120, 255, 120, 255};
// The violation strip in the ruler and the overlapping parts of belief bars.
inline constexpr Rgba violation_colour{236, 24, 140, 255};
inline constexpr Rgba belief_colour{40, 120, 255, 255};

// Whether two colours are within `tolerance` of each other on every channel (PNG pixels pass
// through the GPU rasteriser; exact equality is not promised at the edges).
bool near_colour(Rgba a, Rgba b, int tolerance);

} // namespace lockstep::gui
