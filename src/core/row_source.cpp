#include "row_source.hpp"

namespace digitlab {

RowSource rows_of(const PixelMatrix& pixels) {
  return {pixels.rows(), pixels.cols(), [&pixels](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out = pixels.middleRows(first, count).cast<float>();
          }};
}

RowSource rows_of(const Matrix& features) {
  return {features.rows(), features.cols(), [&features](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out = features.middleRows(first, count);
          }};
}

RowSource rows_of(std::shared_ptr<const Dataset> data) {
  const PixelMatrix& pixels = data->pixels;
  return {pixels.rows(), pixels.cols(),
          [data = std::move(data)](Eigen::Index first, Eigen::Index count, Matrix& out) {
            out = data->pixels.middleRows(first, count).cast<float>();
          }};
}

}  // namespace digitlab
