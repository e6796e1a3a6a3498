#pragma once

#include <algorithm>
#include <vector>

// A rule between a program's options, as data (as iproute2 and kingpin keep them): when `option`
// is given, none of `others` may be (NotWith), or one of them must be (Needs). Each program keeps
// one table of them (sockscope's in app/cli, the agent's in app/agent); no Qt here, for the agent.
struct OptionRule
{
    enum class Kind { NotWith, Needs };

    const char *option;
    Kind kind;
    std::vector<const char *> others;
    const char *message;
};

// The first rule in `rules` that the given options break, and for a NotWith rule the other option
// given (`*other`); null when they break none. `isSet(name)` says whether an option was given.
template <typename IsSet>
const OptionRule *firstBrokenRule(const std::vector<OptionRule> &rules, const IsSet &isSet, const char **other)
{
    for (const OptionRule &rule : rules) {
        if (!isSet(rule.option))
            continue;
        const auto given = std::find_if(rule.others.begin(), rule.others.end(), isSet);
        *other = given == rule.others.end() ? nullptr : *given;
        if ((*other != nullptr) == (rule.kind == OptionRule::Kind::NotWith))
            return &rule;
    }
    return nullptr;
}
