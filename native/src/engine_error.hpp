// Errors the engine reports to its callers. Messages are meant for users: they say what is wrong with which input.
#pragma once

#include <stdexcept>
#include <string>

namespace proverdesk {

class EngineError : public std::runtime_error {
 public:
  explicit EngineError(const std::string& message) : std::runtime_error(message) {}
};

class Cancelled : public EngineError {
 public:
  Cancelled() : EngineError("cancelled") {}
};

}  // namespace proverdesk
