#include "core/data/row_source.hpp"

namespace digitlab {

RowSource rows_of(const PixelMatrix& pixels) {
  return {pixels.rows(), pixels.cols(),
          [&pixels](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out = pixels.middleRows(first, count).cast<float>();
          },
          [&pixels](Eigen::Index first, Eigen::Index count, PixelMatrix& out) { out = pixels.middleRows(first, count); }};
}

RowSource rows_of(const Matrix& features) {
  return {features.rows(), features.cols(),
          [&features](Eigen::Index first, Eigen::Index count, Matrix& out) { out = features.middleRows(first, count); },
          nullptr};  // floats, not pixels
}

RowSource rows_of(std::shared_ptr<const Dataset> data) {
  const PixelMatrix& pixels = data->pixels;
  return {pixels.rows(), pixels.cols(),
          [data](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out = data->pixels.middleRows(first, count).cast<float>();
          },
          [data](Eigen::Index first, Eigen::Index count, PixelMatrix& out) {
            out = data->pixels.middleRows(first, count);
          }};
}

RowSource rows_of(std::shared_ptr<const Dataset> data, std::vector<int> indices) {
  const Eigen::Index cols = data->pixels.cols();
  const auto rows = static_cast<Eigen::Index>(indices.size());
  // One copy of the indices for both readers.
  auto order = std::make_shared<const std::vector<int>>(std::move(indices));
  return {rows, cols,
          [data, order](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out.resize(count, data->pixels.cols());
            for (Eigen::Index i = 0; i < count; ++i)
              out.row(i) = data->pixels.row((*order)[static_cast<std::size_t>(first + i)]).cast<float>();
          },
          [data, order](Eigen::Index first, Eigen::Index count, PixelMatrix& out) {
            out.resize(count, data->pixels.cols());
            for (Eigen::Index i = 0; i < count; ++i) out.row(i) = data->pixels.row((*order)[static_cast<std::size_t>(first + i)]);
          }};
}

}  // namespace digitlab
