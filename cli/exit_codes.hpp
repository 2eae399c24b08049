#pragma once
// One rule everywhere (docs/cli.md).
namespace lockstep {

enum ExitCode : int {
    exit_ok = 0,           // every expectation met
    exit_violated = 1,     // a property violated or an expectation not met
    exit_bad_input = 2,    // bad input or usage: file:line:col: error: ...
    exit_inconclusive = 3, // a budget ran out before a verdict
    exit_internal = 4,     // a bug in lockstep itself
};

} // namespace lockstep
