#pragma once

#include "field/bn254.hpp"

namespace proverdesk {

// A uniformly random element of Fr from the OS CSPRNG (rejection sampling, no modular bias).
Fr randomScalar();

}  // namespace proverdesk
