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

}  // namespace digitlab
