#pragma once
// The window: GLFW with an OpenGL 3.0 context (what Mesa's llvmpipe gives under Xvfb) and the
// ImGui GLFW + OpenGL3 backends. Everything else in the GUI is window-free.
#include <memory>
#include <string>

#include "gui/palette.hpp"

struct GLFWwindow;

namespace lockstep::gui {

class GlWindow {
  public:
    // nullptr and a message when there is no display or no GL.
    static std::unique_ptr<GlWindow> open(int width_px, int height_px, const char* title,
                                          std::string& error);
    ~GlWindow();
    GlWindow(const GlWindow&) = delete;
    GlWindow& operator=(const GlWindow&) = delete;

    bool should_close() const;
    // Polls events and starts an ImGui frame. Without the pointer (screenshots), wherever the X
    // server's cursor happens to be hovers nothing.
    void begin_frame(bool use_pointer = true);
    void build();            // ImGui::Render: finishes the frame's draw lists
    void render(Rgba clear); // clears the back buffer and draws the lists
    void swap();
    void finish(); // waits for the GPU: honest frame times in the benchmark
    void set_cursor(double x_px, double y_px);
    int framebuffer_width() const;
    int framebuffer_height() const;

  private:
    explicit GlWindow(GLFWwindow* window) : window_(window) {}
    void sample_font_nearest();

    GLFWwindow* window_;
    bool nearest_font_ = false;
};

} // namespace lockstep::gui
