// The other direction of split_query (key_values.hpp): key=value items written as an
// address's query, so the page's address can follow what it shows (issue 15).
//
//   format_query({{"panel", "sigmoid"}, {"threshold", "0.7"}})  // "panel=sigmoid&threshold=0.7"
//   split_query(format_query(items)) == items                     // for every item with a key
#pragma once

#include <string>
#include <vector>

#include "app/logic/key_values.hpp"

namespace digitlab::app {

// Percent-escapes every byte but letters, digits and - _ . ~ , (RFC 3986's unreserved
// characters, and the comma of "sizes=0.2,0.5"): '&', '=', '+', '%', '#' and spaces
// cannot end or change an item.
std::string url_encode(const std::string& text);

// "key=value&key=value", each key and value escaped; an item with an empty value is
// written as "key=" so that it reads back the same.
std::string format_query(const std::vector<KeyValue>& items);

}  // namespace digitlab::app
