// Flattens a Windows event in the JSON form of evtx_dump (as in SigmaHQ's regression_data)
// to the field names Sigma rules use:
//
//   Event.EventData.<Name>                 -> <Name>          (Image, CommandLine, ...; a name
//                                                              with spaces also without them)
//   Event.EventData.Data[{Name, #text}]    -> <Name>          (also @Name, #attributes.Name,
//                                                              Value; unnamed Data -> Data)
//   Event.UserData.<...>.<Leaf>            -> <Leaf>
//   Event.System.<Key>                     -> <Key>           (EventID, Channel, Computer, ...;
//                                                              {"#text": ...} unwrapped)
//   Event.System.<Key>.#attributes.<Attr>  -> <Key>_<Attr>    (Provider_Name, Security_UserID,
//                                                              Execution_ProcessID, ...; @Attr too)
//   Event.System.TimeCreated SystemTime    -> _time
//
// EventData and UserData names win over System ones (Sysmon's own Version, for one). EventID
// given as text ("4688") becomes an integer like the native form. A document without the
// "Event" wrapper is read as the Event itself. Values are views into the parsed document;
// synthesised names live in the store's arena.
#pragma once

#include <simdjson.h>

#include "runtime/event/field_store.hpp"

namespace sigma::readers {

void flatten_evtx(simdjson::dom::element root, sigma::event::FieldStore& out);

}  // namespace sigma::readers
