#include "gui/palette.hpp"

#include <array>
#include <cstdlib>

namespace lockstep::gui {

Rgba style_colour(Style style) {
    switch (style) {
    case Style::belief: return belief_colour;
    case Style::belief_stale: return {250, 176, 40, 255};
    case Style::belief_overlap: return violation_colour;
    case Style::server_hold: return {46, 190, 120, 255};
    case Style::pause: return {120, 120, 140, 90};
    case Style::down: return {150, 40, 40, 110};
    case Style::lease: return {46, 190, 120, 255};
    case Style::leader_term: return {170, 120, 230, 255};
    case Style::point: return {170, 176, 190, 255};
    case Style::acquire: return {130, 190, 255, 255};
    case Style::attempt_failed: return {230, 110, 60, 255};
    case Style::release: return {120, 220, 170, 255};
    case Style::model_event: return {200, 200, 120, 255};
    case Style::timer: return {110, 110, 120, 255};
    case Style::clock_step: return {255, 220, 60, 255};
    case Style::crash: return {255, 70, 50, 255};
    case Style::restart: return {110, 230, 110, 255};
    case Style::write_accepted: return {90, 210, 90, 255};
    case Style::write_stale: return {255, 60, 60, 255};
    case Style::write_rejected: return {255, 150, 40, 255};
    case Style::read: return {150, 160, 175, 255};
    case Style::message: return {150, 170, 200, 150};
    case Style::drop: return {255, 90, 90, 255};
    case Style::partition: return {200, 80, 40, 40};
    case Style::witness: return violation_colour;
    case Style::loss: return {220, 160, 40, 40};
    }
    return {255, 255, 255, 255};
}

std::string_view style_name(Style style) {
    static constexpr std::array<std::string_view, 26> names = {"belief",         "belief_stale",
                                                               "belief_overlap", "server_hold",
                                                               "pause",          "down",
                                                               "lease",          "leader_term",
                                                               "point",          "acquire",
                                                               "attempt_failed", "release",
                                                               "model_event",    "timer",
                                                               "clock_step",     "crash",
                                                               "restart",        "write_accepted",
                                                               "write_stale",    "write_rejected",
                                                               "read",           "message",
                                                               "drop",           "partition",
                                                               "witness",        "loss"};
    const auto i = static_cast<size_t>(style);
    return i < names.size() ? names[i] : "?";
}

Rgba node_colour(uint32_t index) {
    // Distinct hues that stay clear of the belief blue and the violation magenta.
    static constexpr std::array<Rgba, 8> colours = {{{255, 196, 80, 255},
                                                     {120, 220, 120, 255},
                                                     {100, 210, 230, 255},
                                                     {250, 130, 90, 255},
                                                     {190, 160, 255, 255},
                                                     {230, 230, 120, 255},
                                                     {160, 200, 160, 255},
                                                     {240, 160, 200, 255}}};
    return colours[index % colours.size()];
}

bool near_colour(Rgba a, Rgba b, int tolerance) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
           std::abs(a.b - b.b) <= tolerance;
}

} // namespace lockstep::gui
