#include <catch2/catch.hpp>

#include "sim/chooser.hpp"

using namespace lockstep;

TEST_CASE("choice strings round-trip and compress runs") {
    const std::vector<uint64_t> values = {3, 0, 0, 0, 0, 0, 17, 1, 1, 123456789};
    const std::string text = encode_choices(values);
    CHECK(text.find('x') != std::string::npos);
    const ChoiceParse back = decode_choices(text);
    REQUIRE(back.ok);
    CHECK(back.values == values);
    CHECK(encode_choices(std::vector<uint64_t>{}) == "none");
    CHECK(decode_choices("none").ok);
    CHECK(decode_choices("none").values.empty());
    // Shell-safe: no characters a shell would expand or split on.
    CHECK(text.find_first_of(" *?[]$!~&;|<>()'\"\\") == std::string::npos);
}

TEST_CASE("bad choice strings are rejected") {
    for (const char* bad : {"", "3..4", "z", "3.", ".3", "3x", "3x0", "A", "1 2"}) {
        INFO(bad);
        CHECK_FALSE(decode_choices(bad).ok);
    }
}

TEST_CASE("a random chooser's log replays to the same decisions") {
    RandomChooser random(99);
    std::vector<uint64_t> made;
    for (int i = 0; i < 50; ++i) {
        made.push_back(random.pick(ChoiceKind::latency, 1000));
        made.push_back(random.flip(ChoiceKind::loss, 1, 3) ? 1 : 0);
    }
    const ChoiceParse parsed = decode_choices(encode_choices(random.log()));
    REQUIRE(parsed.ok);
    ScriptedChooser replay(parsed.values, {.strict = true});
    for (int i = 0; i < 50; ++i) {
        CHECK(replay.pick(ChoiceKind::latency, 1000) == made[size_t(2 * i)]);
        CHECK((replay.flip(ChoiceKind::loss, 1, 3) ? 1u : 0u) == made[size_t(2 * i + 1)]);
    }
    CHECK_FALSE(replay.divergence());
}

TEST_CASE("a scripted chooser defaults to 0 past its script and reports divergence when strict") {
    ScriptedChooser lenient({5}, {});
    CHECK(lenient.pick(ChoiceKind::tie, 3) == 2); // clamped
    CHECK(lenient.pick(ChoiceKind::tie, 3) == 0); // past the script
    REQUIRE(lenient.log().size() == 2);
    CHECK(lenient.log()[1].options == 3);

    ScriptedChooser strict({5}, {.strict = true});
    strict.pick(ChoiceKind::tie, 3);
    REQUIRE(strict.divergence());
    CHECK_THAT(*strict.divergence(), Catch::Contains("3 options"));
}

TEST_CASE("certain flips are not choices") {
    ScriptedChooser c({}, {});
    CHECK_FALSE(c.flip(ChoiceKind::loss, 0, 10));
    CHECK(c.flip(ChoiceKind::loss, 10, 10));
    CHECK(c.log().empty());
    RandomChooser r(1);
    CHECK_FALSE(r.flip(ChoiceKind::loss, 0, 10));
    CHECK(r.flip(ChoiceKind::loss, 10, 10));
    // A recorded certain flip would be a step the replay never consumes.
    CHECK(r.log().empty());
    CHECK(r.flip(ChoiceKind::loss, 1, 1'000'000'000) == false);
    CHECK(r.log().size() == 1);
}
