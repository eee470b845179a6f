#include "tools/sigmac/parallel_scan.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "runtime/readers/json_splitter.hpp"
#include "runtime/readers/logsource.hpp"
#include "runtime/readers/memory_stream.hpp"

namespace sigmac {
namespace {

using sigma::readers::Format;

// The serial path hands alerts back this often, and the Evaluator reuses them: small batches
// keep the alerts it recycles in cache (the corpus makes 1.5 an event, each a few columns of
// strings; 256 events a batch took 1.578 s where 8 take 1.534 s, medians of six alternating
// rounds) and the ones malloc frees within its per-thread caches (4,096 took 5% longer).
constexpr std::uint64_t kEventsPerChunk = 8;
constexpr std::size_t kMaxChunks = 64;  // pending data, in chunks, before a record is cut anyway

sigma::readers::ErrorHandler errors_into(ChunkResult& out) {
  return [&out](const sigma::readers::ReadError& e) { out.errors.push_back(e); };
}

// Evaluates every event of `reader` into `out` (records as the reader numbers them).
template <class Flush>
void scan_all(sigma::readers::Reader& reader, const std::string& name, Format format,
              sigma::Evaluator& evaluator, ChunkResult& out, Flush&& flush) {
  while (const sigma::Event* event = reader.next()) {
    ++out.events;
    for (auto& alert : evaluator.evaluate(*event, sigma::readers::source_of(format, *event)))
      out.rows.push_back(Row{std::move(alert), name, reader.record()});
    flush();
  }
}

// The msg=audit(TIME:SERIAL) stamp of a record line; a line without one is its own event.
// nullopt when `line` is the unfinished end of the data and its stamp is not all there yet.
std::optional<std::string_view> stamp_of(std::string_view line, bool complete) {
  const std::size_t at = line.find("msg=audit(");
  if (at == std::string_view::npos) {
    if (complete) return line;
    return std::nullopt;
  }
  const std::size_t end = line.find(')', at);
  if (end == std::string_view::npos) return complete ? std::optional(line) : std::nullopt;
  return line.substr(at, end - at);
}

// The end of the last complete audit event in `text`: a line boundary where the stamps on
// either side differ, so the records of one event (SYSCALL, EXECVE...) stay in one chunk. 0
// when there is none yet.
std::size_t auditd_cut(std::string_view text) {
  std::size_t boundary = text.rfind('\n');
  if (boundary == std::string_view::npos) return 0;
  ++boundary;  // the start of the unfinished line after the last complete one
  auto next = stamp_of(text.substr(boundary), false);
  while (boundary > 0) {
    const std::size_t prev =
        boundary - 1 == 0 ? std::string_view::npos : text.rfind('\n', boundary - 2);
    const std::size_t start = prev == std::string_view::npos ? 0 : prev + 1;
    const auto before = stamp_of(text.substr(start, boundary - 1 - start), true);
    if (next && *before != *next) return boundary;
    next = before;
    boundary = start;
  }
  return 0;
}

// The newlines in `text`, sixteen bytes at a time where SSE2 is there: the calling thread counts
// every chunk's, and std::count is a byte at a time here.
std::uint64_t count_newlines(std::string_view text) {
  std::uint64_t n = 0;
  std::size_t i = 0;
#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8('\n');
  while (text.size() - i >= 16) {
    // Per-byte counters (a match is -1, subtracted) summed every 255 blocks, before they wrap.
    __m128i counts = _mm_setzero_si128();
    for (std::size_t b = std::min<std::size_t>((text.size() - i) / 16, 255); b > 0; --b, i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      counts = _mm_sub_epi8(counts, _mm_cmpeq_epi8(v, newline));
    }
    const __m128i sums = _mm_sad_epu8(counts, _mm_setzero_si128());  // two 64-bit lane sums
    n += static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
         static_cast<std::uint64_t>(_mm_extract_epi16(sums, 4));
  }
#endif
  for (; i < text.size(); ++i) n += text[i] == '\n' ? 1 : 0;
  return n;
}

std::size_t cut_of(Format format, std::string_view text) {
  switch (format) {
    case Format::Auditd:
      return auditd_cut(text);
    default: {
      const std::size_t nl = text.rfind('\n');
      return nl == std::string_view::npos ? 0 : nl + 1;
    }
  }
}

struct Job {
  std::string text;                    // the line formats: whole lines
  sigma::readers::SplitValues values;  // evtx-json: the values the calling thread cut
  std::uint64_t lines_before = 0;
  ChunkResult result;
  std::uint64_t records_seen = 0, malformed = 0;
  std::exception_ptr error;  // what the worker threw, rethrown on the calling thread
  bool done = false;
  unsigned worker = 0;  // which worker ran it
};

class Pool {
 public:
  Pool(const std::string& name, Format format, const sigma::RuleSet& rules, unsigned threads)
      : name_(name), format_(format) {
    spent_.resize(threads);
    for (unsigned i = 0; i < threads; ++i)
      workers_.emplace_back([this, &rules, i] { work(rules, i); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    work_cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void submit(Job* job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      todo_.push_back(job);
    }
    work_cv_.notify_one();
  }

  void wait(const Job& job) {
    std::unique_lock<std::mutex> lock(mutex_);
    done_cv_.wait(lock, [&] { return job.done; });
  }

  // Hands an emitted job back to the worker that ran it, to be freed there (its alerts are
  // recycled into that worker's Evaluator): they were allocated on that thread, and glibc
  // frees memory of another thread's arena slowly (it was a third of the calling thread's
  // time).
  void retire(std::unique_ptr<Job> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      spent_[job->worker].push_back(std::move(job));
    }
    work_cv_.notify_all();
  }

 private:
  void work(const sigma::RuleSet& rules, unsigned me) {
    sigma::Evaluator evaluator(rules);
    std::vector<std::unique_ptr<Job>> spent;
    for (;;) {
      Job* job = nullptr;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        work_cv_.wait(lock, [&] { return stop_ || !todo_.empty() || !spent_[me].empty(); });
        spent.swap(spent_[me]);
        if (!todo_.empty()) {
          job = todo_.front();
          todo_.pop_front();
        }
      }
      for (const auto& done : spent)  // outside the lock
        for (Row& row : done->result.rows) evaluator.recycle(std::move(row.alert));
      spent.clear();
      if (job == nullptr) {
        if (stopping()) return;
        continue;
      }
      job->worker = me;
      sigma::readers::MemoryStream in(job->text);
      try {
        sigma::readers::ReaderOptions options;
        options.lines_before = job->lines_before;
        const auto reader =
            format_ == Format::EvtxJson
                ? sigma::readers::open_split_evtx_json(job->values, name_, errors_into(job->result))
                : sigma::readers::open_reader(format_, in, name_, errors_into(job->result),
                                              options);
        scan_all(*reader, name_, format_, evaluator, job->result, [] {});
        job->records_seen = reader->records_seen();
        job->malformed = reader->errors();
      } catch (...) {
        job->error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        job->done = true;
      }
      done_cv_.notify_all();
    }
  }

  bool stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stop_ && todo_.empty();
  }

  const std::string& name_;
  Format format_;
  std::mutex mutex_;
  std::condition_variable work_cv_, done_cv_;
  std::deque<Job*> todo_;
  std::vector<std::vector<std::unique_ptr<Job>>> spent_;  // per worker: jobs to free
  bool stop_ = false;
  std::vector<std::thread> workers_;
};

ScanTotals scan_serial(std::istream& in, const std::string& name, Format format,
                       const sigma::RuleSet& rules, const std::function<void(ChunkResult&)>& emit) {
  sigma::Evaluator evaluator(rules);
  ScanTotals totals;
  ChunkResult chunk;
  const auto flush = [&] {
    totals.events += chunk.events;
    emit(chunk);
    for (Row& row : chunk.rows) evaluator.recycle(std::move(row.alert));
    chunk.rows.clear();
    chunk.errors.clear();
    chunk.events = 0;
  };
  auto reader = sigma::readers::open_reader(format, in, name, errors_into(chunk));
  scan_all(*reader, name, format, evaluator, chunk, [&] {
    if (chunk.events >= kEventsPerChunk) flush();
  });
  flush();
  totals.malformed = reader->errors();
  return totals;
}

}  // namespace

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

ScanTotals scan_stream(std::istream& in, const std::string& name, Format format,
                       const sigma::RuleSet& rules, const ScanSettings& settings,
                       const std::function<void(ChunkResult&)>& emit) {
  if (settings.threads <= 1) return scan_serial(in, name, format, rules, emit);

  ScanTotals totals;
  // Jobs outlive the pool: its destructor lets the workers finish what they hold.
  std::deque<std::unique_ptr<Job>> inflight;
  Pool pool(name, format, rules, settings.threads);
  std::uint64_t records_before = 0;  // evtx-json: values read by earlier chunks
  const auto finish_front = [&] {
    Job& job = *inflight.front();
    pool.wait(job);
    if (job.error) std::rethrow_exception(job.error);
    if (format == Format::EvtxJson) {  // the line formats number records by line already
      for (auto& row : job.result.rows) row.record += records_before;
      for (auto& e : job.result.errors) e.record += records_before;
    }
    records_before += job.records_seen;
    totals.events += job.result.events;
    totals.malformed += job.malformed;
    emit(job.result);
    pool.retire(std::move(inflight.front()));
    inflight.pop_front();
  };

  const auto submit = [&](std::unique_ptr<Job> job) {
    pool.submit(job.get());
    inflight.push_back(std::move(job));
    while (inflight.size() >= 2 * settings.threads) finish_front();
  };

  if (format == Format::EvtxJson) {
    // The calling thread cuts the values, with the splitter a single reader would use (so the
    // records and errors are the same), and the workers parse them: each byte is scanned once.
    sigma::readers::JsonSplitter split(in, sigma::readers::ReaderOptions{}.max_record_bytes);
    for (bool end = false; !end;) {
      auto job = std::make_unique<Job>();
      job->values.reserve(settings.chunk_bytes + settings.chunk_bytes / 8);
      while (job->values.bytes() < settings.chunk_bytes) {
        std::string_view text;
        const auto status = split.next(text);
        if (status == sigma::readers::JsonSplitter::Status::End) {
          end = true;
          break;
        }
        job->values.add(status, text, split.line());
      }
      if (!job->values.empty()) submit(std::move(job));
    }
    while (!inflight.empty()) finish_front();
    return totals;
  }

  std::string pending;
  std::uint64_t lines = 0;
  bool eof = false;
  while (!eof) {
    // Read until the pending bytes hold at least one complete record boundary.
    std::size_t cut = 0;
    for (;;) {
      const std::size_t had = pending.size();
      pending.resize(had + settings.chunk_bytes);
      in.read(pending.data() + had, static_cast<std::streamsize>(settings.chunk_bytes));
      pending.resize(had + static_cast<std::size_t>(in.gcount()));
      if (!in) eof = true;
      cut = eof ? pending.size() : cut_of(format, pending);
      if (cut == 0 && pending.size() >= kMaxChunks * settings.chunk_bytes) {
        // One record (or audit event) this long: cut at a line, as a single reader would
        // have to give up on it too.
        const std::size_t nl = pending.rfind('\n');
        cut = nl == std::string::npos ? pending.size() : nl + 1;
      }
      if (cut > 0 || eof) break;
    }
    if (cut == 0) break;
    // The chunk keeps the buffer; only the unfinished tail is copied back out.
    auto job = std::make_unique<Job>();
    job->text = std::move(pending);
    pending.assign(job->text, cut, std::string::npos);
    job->text.resize(cut);
    job->lines_before = lines;
    lines += count_newlines(job->text);
    submit(std::move(job));
  }
  while (!inflight.empty()) finish_front();
  return totals;
}

}  // namespace sigmac
