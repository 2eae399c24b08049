#pragma once
// 128-bit intermediates for exact rate and range arithmetic (a GCC/Clang extension).
namespace lockstep {
__extension__ typedef __int128 int128;
__extension__ typedef unsigned __int128 uint128;
} // namespace lockstep
