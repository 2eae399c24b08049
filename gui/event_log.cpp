#include "gui/event_log.hpp"

#include <algorithm>
#include <cctype>

#include "gui/event_text.hpp"

namespace lockstep::gui {
namespace {

char fold(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            if (!word.empty()) {
                words.push_back(std::move(word));
                word.clear();
            }
        } else {
            word += fold(c);
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    return words;
}

} // namespace

EventLog::EventLog(const Trace& trace) : trace_(&trace) {
    offsets_.reserve(trace.size() + 1);
    for (const TraceEvent& e : trace.events()) {
        offsets_.push_back(static_cast<uint32_t>(text_.size()));
        text_ += event_line(trace, e);
    }
    offsets_.push_back(static_cast<uint32_t>(text_.size()));
    folded_.resize(text_.size());
    std::transform(text_.begin(), text_.end(), folded_.begin(), fold);
    set_filter("");
}

std::string_view EventLog::line(uint32_t event) const {
    return std::string_view(text_).substr(offsets_[event], offsets_[event + 1] - offsets_[event]);
}

bool EventLog::passes(uint32_t event, const std::vector<std::string>& words) const {
    const std::string_view folded =
        std::string_view(folded_).substr(offsets_[event], offsets_[event + 1] - offsets_[event]);
    return std::all_of(words.begin(), words.end(), [&](const std::string& w) {
        return folded.find(w) != std::string_view::npos;
    });
}

void EventLog::set_filter(std::string_view text) {
    filter_ = std::string(text);
    const std::vector<std::string> words = split_words(text);
    rows_.clear();
    for (uint32_t i = 0; i < total(); ++i) {
        if (passes(i, words)) {
            rows_.push_back(i);
        }
    }
}

std::optional<size_t> EventLog::row_of(uint32_t event) const {
    const auto it = std::lower_bound(rows_.begin(), rows_.end(), event);
    if (it == rows_.end() || *it != event) {
        return std::nullopt;
    }
    return static_cast<size_t>(it - rows_.begin());
}

size_t EventLog::first_row_after(uint32_t event) const {
    return static_cast<size_t>(std::upper_bound(rows_.begin(), rows_.end(), event) - rows_.begin());
}

std::optional<uint32_t> EventLog::next(std::optional<uint32_t> from) const {
    const size_t row = from ? first_row_after(*from) : 0;
    if (row >= rows_.size()) {
        return std::nullopt;
    }
    return rows_[row];
}

std::optional<uint32_t> EventLog::previous(std::optional<uint32_t> from) const {
    const size_t after =
        from ? static_cast<size_t>(std::lower_bound(rows_.begin(), rows_.end(), *from) -
                                   rows_.begin())
             : rows_.size();
    if (after == 0) {
        return std::nullopt;
    }
    return rows_[after - 1];
}

// Events are in time order, so the rows are too: a binary search on their times.
std::optional<uint32_t> EventLog::last_at_or_before(int64_t time_ns) const {
    const auto& events = trace_->events();
    const auto it =
        std::upper_bound(rows_.begin(), rows_.end(), time_ns, [&](int64_t t, uint32_t event) {
            return t < events[event].time.since_epoch_ns();
        });
    if (it == rows_.begin()) {
        return std::nullopt;
    }
    return *(it - 1);
}

} // namespace lockstep::gui
