#include "gui/screenshot.hpp"

#include <vector>

#include <GL/gl.h>
#include <stb_image_write.h>

namespace lockstep::gui {

// RGB with pack alignment 1 (RGBA may come back with alpha 0, a transparent PNG); GL's rows
// run bottom-up, so the writer flips them.
bool write_back_buffer_png(const std::string& path, int width_px, int height_px,
                           std::string& error) {
    std::vector<unsigned char> pixels(static_cast<size_t>(width_px) *
                                      static_cast<size_t>(height_px) * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width_px, height_px, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);
    if (stbi_write_png(path.c_str(), width_px, height_px, 3, pixels.data(), width_px * 3) == 0) {
        error = path + ": error: cannot write the PNG";
        return false;
    }
    return true;
}

} // namespace lockstep::gui
