// FewTexts must answer exactly what a plain search says: whether the text is plain ASCII
// (without the excluded byte) holding none of the texts in any case, wherever they fall
// relative to its 64-byte blocks and the masked loads of its last ones.
#include "runtime/index/few_texts.hpp"

#include <catch.hpp>
#include <random>
#include <string>
#include <vector>

using sigma::runtime::FewTexts;

namespace {

std::string lowered(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

// The answer by definition.
bool expected(std::string_view text, const std::vector<std::string>& texts, char excluded) {
  for (char c : text)
    if (static_cast<unsigned char>(c) >= 0x80 || c == excluded) return true;
  const std::string low = lowered(std::string(text));
  for (const std::string& t : texts)
    if (low.find(lowered(t)) != std::string::npos) return true;
  return false;
}

// Without AVX-512, FewTexts is never usable, and so never used.
bool have_avx512() { return __builtin_cpu_supports("avx512bw"); }

FewTexts built(const std::vector<std::string>& texts) {
  FewTexts f;
  REQUIRE(f.build(texts));
  return f;
}

}  // namespace

TEST_CASE("build takes up to 16 texts of two bytes or more, of up to 4 distinct pairs",
          "[few_texts]") {
  FewTexts f;
  CHECK(f.build(std::vector<std::string>{"secrets"}) == have_avx512());
  CHECK(f.usable() == have_avx512());
  if (!have_avx512()) return;
  CHECK_FALSE(f.build(std::vector<std::string>{}));
  CHECK_FALSE(f.usable());
  CHECK_FALSE(f.build(std::vector<std::string>{"secrets", "x"}));
  CHECK_FALSE(f.usable());
  // Five texts of five distinct pairs at every offset: too many to compare at each position.
  CHECK_FALSE(f.build(std::vector<std::string>{"aaa", "bbb", "ccc", "ddd", "eee"}));
  // Twelve texts of four pairs at their start ("do", "ku", "cr", "--").
  CHECK(f.build(std::vector<std::string>{"docker exec", "docker run", "docker pull", "kubectl exec",
                                         "kubectl run", "kubectl get secrets", "kubectl apply",
                                         "crictl exec", "--privileged", "--net=host", "docker.sock",
                                         "--pid=host"}));
  CHECK(f.may_hold("Nov 14 00:00:05 host05 bash[105]: kubectl RUN x", '\x80'));
  CHECK_FALSE(f.may_hold("Nov 14 00:00:05 host05 bash[105]: kubectl rum x", '\x80'));
  // Seventeen texts are too many, even of one pair.
  CHECK_FALSE(f.build(std::vector<std::string>(17, "secrets")));
}

TEST_CASE("a text is found anywhere, in any case, and only whole", "[few_texts]") {
  if (!have_avx512()) return;
  const std::vector<std::string> texts = {"secrets", "serviceaccounts", "configmaps"};
  const FewTexts f = built(texts);
  const std::string pad(150, 'x');
  for (std::size_t at = 0; at <= pad.size(); ++at) {
    INFO("at " << at);
    std::string s = pad;
    s.insert(at, "SeCrEtS");
    CHECK(f.may_hold(s, '\\'));
    s = pad;
    s.insert(at, "secret_");  // one byte short
    CHECK_FALSE(f.may_hold(s, '\\'));
    s = pad;
    s.insert(at, "configmaps");
    // Ending the text, or cut short by its end (the bytes after it are not the text's).
    CHECK(f.may_hold(std::string_view(s).substr(0, at + 10), '\\'));
    CHECK_FALSE(f.may_hold(std::string_view(s).substr(0, at + 9), '\\'));
  }
  CHECK_FALSE(f.may_hold("", '\\'));
  CHECK_FALSE(f.may_hold(R"({"verb":"get","objectRef":{"resource":"pods"}})", '\\'));
  CHECK(f.may_hold(R"({"verb":"get","objectRef":{"resource":"Secrets"}})", '\\'));
}

TEST_CASE("text that is not plain ASCII may hold anything", "[few_texts]") {
  if (!have_avx512()) return;
  const FewTexts f = built({"secrets"});
  const std::string pad(150, 'a');
  for (std::size_t at = 0; at < pad.size(); at += 7) {
    std::string s = pad;
    s[at] = '\\';
    CHECK(f.may_hold(s, '\\'));
    CHECK_FALSE(f.may_hold(s, '\x80'));
    s[at] = '\xc5';
    CHECK(f.may_hold(s, '\\'));
    CHECK(f.may_hold(s, '\x80'));
  }
  // At every length, in the last bytes too (which the last block reads past its first 64).
  for (std::size_t n = 1; n <= 200; ++n)
    for (std::size_t back = 1; back <= std::min<std::size_t>(n, 5); ++back) {
      std::string s(n, 'a');
      CHECK_FALSE(f.may_hold(s, '\\'));
      s[n - back] = '\\';
      INFO("length " << n << ", byte " << n - back);
      CHECK(f.may_hold(s, '\\'));
      s[n - back] = '\xc5';
      CHECK(f.may_hold(s, '\x80'));
    }
}

TEST_CASE("a letter's case bit does not make punctuation match", "[few_texts]") {
  if (!have_avx512()) return;
  // '@' | 0x20 is '`', '[' | 0x20 is '{': the pairs are compared with the case bit set, so such
  // twins pass the vector test, and the comparison of the text must sort them out.
  const FewTexts f = built({"`x{y", "-v /:/host"});
  CHECK_FALSE(f.may_hold("@x[y and @X{Y and `x[y", '\\'));
  CHECK(f.may_hold("a `X{Y b", '\\'));
  CHECK_FALSE(f.may_hold("docker run -v /:/HOS", '\\'));
  CHECK(f.may_hold("docker run -V /:/host", '\\'));
  CHECK_FALSE(f.may_hold("docker run -v\t/:/host", '\\'));
}

TEST_CASE("FewTexts answers as a plain search on random texts", "[few_texts]") {
  if (!have_avx512()) return;
  std::mt19937 rng(41);
  const std::vector<std::string> pool = {
      "secrets",    "serviceaccounts",
      "configmaps", "ab",
      "-v /:/host", "docker.sock",
      "zz9",        "a text longer than thirty-two bytes: its pair is among the first",
      "`@"};
  const std::string noise = "abcdefsecrtSECRT -/:._\"{}@`[]0123";
  std::uint64_t held = 0, total = 0, rounds = 0;
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> texts;
    for (std::size_t k = 1 + rng() % 6; texts.size() < k;)
      texts.push_back(lowered(pool[rng() % pool.size()]));
    FewTexts f;
    if (!f.build(texts)) continue;  // too many distinct pairs
    ++rounds;
    for (int e = 0; e < 60; ++e) {
      std::string s;
      for (std::size_t len = rng() % 300; s.size() < len;) {
        if (rng() % 50 == 0) {  // a text, in some case, perhaps cut short
          std::string t = texts[rng() % texts.size()];
          for (char& c : t)
            if (rng() % 2 && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          if (rng() % 3 == 0) t.pop_back();
          s += t;
        } else {
          s += noise[rng() % noise.size()];
        }
      }
      if (rng() % 20 == 0) s.insert(rng() % (s.size() + 1), 1, rng() % 2 ? '\\' : '\xe2');
      const char excluded = rng() % 2 ? '\\' : '\x80';
      INFO("round " << round << ": [" << s << "]");
      const bool want = expected(s, texts, excluded);
      REQUIRE(f.may_hold(s, excluded) == want);
      held += want;
      ++total;
    }
  }
  // Most sets of texts were taken, and both answers were well represented.
  CHECK(rounds > 150);
  CHECK(held > total / 5);
  CHECK(held < total * 4 / 5);
}
