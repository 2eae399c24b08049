#pragma once
// What a timeline item means, independent of how it is painted: the model tags items with a
// Style and the palette (gui/palette.hpp) decides the colour, so tests can ask "which colour is a
// belief bar?" without ImGui.
#include <cstdint>
#include <string_view>

namespace lockstep::gui {

enum class Style : uint8_t {
    belief,         // the client believes it holds the lock (by its own clock)
    belief_stale,   // ... while no server says it holds it: the gap is the story
    belief_overlap, // ... while another client believes it too: the violation
    server_hold,    // a server says this client holds the lock
    pause,          // the process is paused (stop-the-world)
    down,           // the node is crashed
    lease,          // a server's lease on a key, granted until expired or released
    leader_term,    // the server is the leader / primary
    point,          // a program point
    acquire,        // acquire_start
    attempt_failed, // an acquisition attempt failed, or the client gave up
    release,        // a release was sent
    model_event,    // any other model event
    timer,          // a timer fired
    clock_step,     // the wall clock jumped
    crash,
    restart,
    write_accepted,
    write_stale,    // a write accepted from a tenure that had ended (a witness)
    write_rejected, // fencing refused a write
    read,
    message,   // a message from send to delivery
    drop,      // a lost message
    partition, // a network partition, from its start to its heal
    witness,   // an event the checker names as evidence of a violation
    loss,      // a window of message loss on some links (a loss fault)
};

std::string_view style_name(Style style);

} // namespace lockstep::gui
