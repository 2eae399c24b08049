#pragma once

namespace lockstep {
class Hasher;
}
