// is_exactly<T>(event): whether an event is a T, one of the library's final event classes, by
// the address of its type_info. type_info's operator== compares the mangled names when the
// addresses differ, which they do for most events a reader hands over (a FieldStore asked
// whether it is a JsonEvent): a call to strcmp per event. One type can have two type_info
// objects only across shared objects that each emitted their own; this then says no, and every
// caller takes its general path, which is right for any event, only slower.
#pragma once

#include <type_traits>
#include <typeinfo>

#include <sigma/event.hpp>

namespace sigma::event {

template <class T>
bool is_exactly(const sigma::Event& event) noexcept {
  static_assert(std::is_final_v<T>, "a derived class would not be recognised");
  return &typeid(event) == &typeid(T);
}

}  // namespace sigma::event
