// The frame every page of `jixiao serve` shares: the document head (CSS and
// the one script from /assets/, never inline: the server's CSP forbids
// inline script and style), the navigation, the footer, and the one
// HTML-escaping function every renderer uses for anything that came from a
// file.
//
// Contract:
// - html_escape() is the only way file text reaches a page. It escapes
//   & < > " ' (so the result is safe in element content and in quoted
//   attribute values), replaces each byte of invalid UTF-8 with U+FFFD and
//   each control character other than \n, \r and \t (C0, DEL and C1) with U+FFFD (a page never
//   carries bytes the browser would have to guess about).
// - Pages are UTF-8, lang="zh-CN", deterministic (no clock, no random ids).
// - Renderers are pure: models in, a string out; no I/O.
#pragma once

#include <string>
#include <string_view>

namespace jx::reports {

/// Escapes text for HTML element content and quoted attribute values.
std::string html_escape(std::string_view text);

/// Which navigation entry is the current page.
enum class NavItem { Score, Batch, History, Templates, None };

struct HtmlPage {
  std::string title;  ///< Chinese, plain text (escaped by html_document)
  NavItem nav = NavItem::None;
  std::string body;  ///< already-rendered HTML of <main>
};

/// The whole document: head, navigation, <main>, footer.
std::string html_document(const HtmlPage& page);

/// The upload form of the score page (`multiple` false: one file in field
/// `file`) and of the batch page (`multiple` true: field `files`): a file
/// input inside a drop zone, posted as multipart/form-data to `action`. It
/// works without the script; with it, the script posts the files itself,
/// keeps them for the download buttons and shows the result in the page.
std::string html_upload_form(std::string_view action, bool multiple);

/// A Chinese error page (HTTP 4xx/5xx bodies of the page routes): the
/// message and an optional hint, both plain text, and a link back to `back`
/// (a site path such as "/").
std::string html_error_page(std::string_view message, std::string_view hint = {}, std::string_view back = "/");

}  // namespace jx::reports
