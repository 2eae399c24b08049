#pragma once
// The event log: one line per trace event, a text filter, and the list of rows that pass it.
// Selection is by event index, shared with the timeline, so the two stay in step: the log asks
// row_of(selected) to scroll to it, the timeline asks the event's time and lane.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/trace.hpp"

namespace lockstep::gui {

class EventLog {
  public:
    EventLog() = default;
    explicit EventLog(const Trace& trace);

    // Words separated by spaces; a line passes when it contains every word, ignoring case.
    void set_filter(std::string_view text);
    const std::string& filter() const { return filter_; }

    size_t rows() const { return rows_.size(); }
    size_t total() const { return offsets_.empty() ? 0 : offsets_.size() - 1; }
    uint32_t event_at(size_t row) const { return rows_[row]; }
    std::optional<size_t> row_of(uint32_t event) const;
    std::string_view line(uint32_t event) const;

    // Stepping through what the filter shows: the row after (or before) the one holding
    // `from`, or the first (last) row when nothing is selected.
    std::optional<uint32_t> next(std::optional<uint32_t> from) const;
    std::optional<uint32_t> previous(std::optional<uint32_t> from) const;
    // The last shown event at or before `time_ns`, for playback.
    std::optional<uint32_t> last_at_or_before(int64_t time_ns) const;

  private:
    bool passes(uint32_t event, const std::vector<std::string>& words) const;
    size_t first_row_after(uint32_t event) const; // rows strictly after `event`

    const Trace* trace_ = nullptr;
    std::string text_;              // every line, back to back
    std::string folded_;            // the same, lower case, for filtering
    std::vector<uint32_t> offsets_; // line i is text_[offsets_[i], offsets_[i + 1])
    std::vector<uint32_t> rows_;    // events passing the filter, ascending
    std::string filter_;
};

} // namespace lockstep::gui
