#include "reports/html_document.h"

#include <cstdint>

namespace jx::reports {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the valid UTF-8 sequence starting at s[i], or 0 when the bytes
/// there are not one (overlong forms, surrogates and values above U+10FFFF
/// included).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1Fu;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0Fu;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07u;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0u) != 0x80u) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3Fu);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) return 0;
  if (cp >= 0xD800 && cp <= 0xDFFF) return 0;
  // C1 controls (U+0080–U+009F) are as unreadable as C0 ones.
  if (cp >= 0x80 && cp <= 0x9F) return 0;
  return n;
}

std::string_view nav_class(NavItem item, NavItem current) {
  return item == current ? " aria-current=\"page\"" : "";
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    switch (c) {
      case '&': out += "&amp;"; ++i; continue;
      case '<': out += "&lt;"; ++i; continue;
      case '>': out += "&gt;"; ++i; continue;
      case '"': out += "&quot;"; ++i; continue;
      case '\'': out += "&#39;"; ++i; continue;
      case '\n':
      case '\r':
      case '\t': out += c; ++i; continue;
      default: break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::size_t n = utf8_length(text, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(text.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string html_document(const HtmlPage& page) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  out += html_escape(page.title);
  out +=
      " · jixiao 绩效自评</title>\n<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">\n"
      "<link rel=\"stylesheet\" href=\"/assets/jixiao.css\">\n"
      "<script src=\"/assets/jixiao.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#main\">跳到正文</a>\n"
      "<header class=\"site\"><span class=\"brand\">jixiao 绩效自评</span>\n<nav aria-label=\"主导航\"><ul>";
  const struct {
    NavItem item;
    const char* href;
    const char* label;
  } items[] = {{NavItem::Score, "/", "评分 / 复核"},
               {NavItem::Batch, "/batch", "批量汇总"},
               {NavItem::History, "/history", "历年"},
               {NavItem::Templates, "/templates", "模板"}};
  for (const auto& it : items) {
    out += "<li><a href=\"";
    out += it.href;
    out += "\"";
    out += nav_class(it.item, page.nav);
    out += ">";
    out += it.label;
    out += "</a></li>";
  }
  out += "</ul></nav></header>\n<main id=\"main\">\n<h1>";
  out += html_escape(page.title);
  out += "</h1>\n";
  out += page.body;
  out +=
      "</main>\n<footer class=\"site\">jixiao：按财预〔2020〕10号及省级口径计分。文件只在本机处理，"
      "不上传到任何其他地方。</footer>\n</body>\n</html>\n";
  return out;
}

std::string html_upload_form(std::string_view action, bool multiple) {
  std::string out = "<form class=\"upload no-print\" method=\"post\" action=\"";
  out += html_escape(action);
  out += "\" enctype=\"multipart/form-data\" data-upload>\n<div class=\"drop\" data-drop>\n<label for=\"file\">";
  out += multiple ? "选择或拖入多个自评文件（YAML、自评表 Excel），或一个 zip 压缩包"
                  : "选择或拖入一个文件：项目或部门自评 YAML，或已填写的自评表（.xlsx / .xls）";
  out += "</label>\n<input id=\"file\" type=\"file\" name=\"";
  out += multiple ? "files\" multiple accept=\".yaml,.yml,.xlsx,.xls,.zip\"" : "file\" accept=\".yaml,.yml,.xlsx,.xls\"";
  out += " required>\n<p class=\"drop-hint\">也可以把文件拖到这个框里</p>\n</div>\n<button type=\"submit\">";
  out += multiple ? "汇总" : "评分 / 复核";
  out += "</button>\n</form>\n";
  return out;
}

std::string html_error_page(std::string_view message, std::string_view hint, std::string_view back) {
  std::string body = "<div class=\"error-box\" role=\"alert\"><p class=\"error\">错误：" + html_escape(message) + "</p>";
  if (!hint.empty()) body += "<p class=\"hint\">提示：" + html_escape(hint) + "</p>";
  body += "</div>\n<p><a href=\"" + html_escape(back) + "\">返回</a></p>\n";
  return html_document({"出错了", NavItem::None, body});
}

}  // namespace jx::reports
