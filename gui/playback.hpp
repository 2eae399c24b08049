#pragma once
// Playing a run: a cursor in true time that advances at a chosen speed (simulated seconds per
// real second). The app follows it with the selection and the view.

namespace lockstep::gui {

class Playback {
  public:
    bool playing() const { return playing_; }
    void play() { playing_ = true; }
    void pause() { playing_ = false; }
    void toggle() { playing_ = !playing_; }

    double speed() const { return speed_; }
    void set_speed(double simulated_per_real);

    double cursor_ns() const { return cursor_ns_; }
    void set_cursor(double time_ns) { cursor_ns_ = time_ns; }

    // Moves the cursor by dt_s of real time; stops at `end_ns`. True when it moved.
    bool advance(double dt_s, double end_ns);

  private:
    bool playing_ = false;
    double speed_ = 1.0;
    double cursor_ns_ = 0;
};

} // namespace lockstep::gui
