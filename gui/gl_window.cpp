#include "gui/gl_window.hpp"

#include <cfloat>
#include <cstdint>

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include "gui/view.hpp"

namespace lockstep::gui {
namespace {

std::string glfw_error_text;

void remember_glfw_error(int, const char* description) {
    glfw_error_text = description;
}

} // namespace

std::unique_ptr<GlWindow> GlWindow::open(int width_px, int height_px, const char* title,
                                         std::string& error) {
    glfwSetErrorCallback(remember_glfw_error);
    if (!glfwInit()) {
        error = "cannot open a window: " + glfw_error_text +
                " (for a headless screenshot run it under xvfb-run)";
        return nullptr;
    }
    // GL 3.0 and GLSL 130: what llvmpipe offers everywhere, Xvfb included.
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(width_px, height_px, title, nullptr, nullptr);
    if (window == nullptr) {
        error = "cannot create an OpenGL 3.0 window: " + glfw_error_text;
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(0);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr; // no imgui.ini in the working directory
    add_fonts(ImGui::GetIO());
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    return std::unique_ptr<GlWindow>(new GlWindow(window));
}

GlWindow::~GlWindow() {
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window_);
    glfwTerminate();
}

bool GlWindow::should_close() const {
    return glfwWindowShouldClose(window_) != 0;
}

void GlWindow::begin_frame(bool use_pointer) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame(); // creates the font texture on the first frame
    if (!nearest_font_) {
        sample_font_nearest();
        nearest_font_ = true;
    }
    ImGui_ImplGlfw_NewFrame();
    if (!use_pointer) {
        ImGui::GetIO().MousePos = {-FLT_MAX, -FLT_MAX};
    }
    ImGui::NewFrame();
}

// Text and shapes sit on whole pixels at 1:1 scale, so nearest sampling of the font atlas looks
// the same as bilinear; with a software rasteriser it is the cheaper fetch for every fragment,
// and every fragment ImGui draws samples the atlas.
void GlWindow::sample_font_nearest() {
    const auto texture =
        static_cast<GLuint>(reinterpret_cast<intptr_t>(ImGui::GetIO().Fonts->TexID));
    glBindTexture(GL_TEXTURE_2D, texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    // Anti-aliased lines drawn from the atlas need bilinear sampling: draw them as geometry.
    ImGui::GetStyle().AntiAliasedLinesUseTex = false;
}

void GlWindow::build() {
    ImGui::Render();
}

void GlWindow::render(Rgba clear) {
    glViewport(0, 0, framebuffer_width(), framebuffer_height());
    glClearColor(static_cast<float>(clear.r) / 255, static_cast<float>(clear.g) / 255,
                 static_cast<float>(clear.b) / 255, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

void GlWindow::swap() {
    glfwSwapBuffers(window_);
}

void GlWindow::finish() {
    glFinish();
}

void GlWindow::set_cursor(double x_px, double y_px) {
    glfwSetCursorPos(window_, x_px, y_px);
}

int GlWindow::framebuffer_width() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return w;
}

int GlWindow::framebuffer_height() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return h;
}

} // namespace lockstep::gui
